using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Impersonation;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// Issue 14: Undo for detaching a client, revoking a partner's access and marking an organization
/// as a partner puts back exactly what was there (links, people, billing, branding, the managed
/// relationship), is audited, and is refused after 15 minutes, on another organization's host and
/// once something moved on.
/// </summary>
public sealed class UndoShould(ClockedPortalFactory factory) : PortalTest<ClockedPortalFactory>(factory)
{
    [Fact]
    public async Task PutADetachedClientBackExactlyAsItWas()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.Second, Plan.Seeded.ProId, resellerPrice: 49m);
        var before = await World.InTenantAsync(world.Second, db => db.AccountSubscriptions.AsNoTracking().SingleAsync());
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Employee, world.Second);
        var assignment = await World.InTenantAsync(world.Reseller, db => db.PartnerClientAssignments.AsNoTracking().SingleAsync(a => a.ClientId == world.Second.Id));
        var link = await World.GlobalAsync(db => db.PartnerClientLinks.AsNoTracking().SingleAsync(l => l.ClientId == world.Second.Id));
        var relationship = await ManagedAsync(world.Reseller, world.Second);
        ClockNotBehind();
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        Assert.DoesNotContain("Powered by", await FooterAsync(world.Second));

        var detached = await admin.PostFormAsync($"/clients/{world.Second.Id}", new Dictionary<string, string>(), $"/clients/{world.Second.Id}?handler=Detach");

        var (_, list) = await admin.GetPageAsync(detached.Headers.Location!.OriginalString);
        Assert.Contains($"{world.Second.Name} was detached", list.QuerySelector(".notice")!.TextContent);
        var token = list.QuerySelector<IHtmlInputElement>(".notice form[action*='handler=UndoDetach'] input[name=token]")!.Value;
        Assert.NotNull(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));
        Assert.Equal(BillingMode.ClientBilled, await World.InTenantAsync(world.Second, db => db.AccountSubscriptions.Select(s => s.BillingMode).SingleAsync()));
        Assert.NotNull(await EndedAtAsync(world.Reseller, relationship));
        Assert.Contains("Powered by", await FooterAsync(world.Second));

        // Another reseller's admin holding the token changes nothing.
        using var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin);
        var stolen = await other.PostFormAsync("/clients", new Dictionary<string, string> { ["token"] = token }, "/clients?handler=UndoDetach");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(stolen.Headers.Location!.OriginalString));
        Assert.NotNull(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));

        var undone = await admin.PostFormAsync("/clients", new Dictionary<string, string> { ["token"] = token }, "/clients?handler=UndoDetach");

        Assert.Contains($"{world.Second.Name} is yours again", Uri.UnescapeDataString(undone.Headers.Location!.OriginalString));
        Assert.Null(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));
        Assert.Equal(1, await World.GlobalAsync(db => db.PartnerClientLinks.CountAsync(l => l.ClientId == world.Second.Id)));
        var back = await World.InTenantAsync(world.Reseller, db => db.PartnerClientAssignments.AsNoTracking().SingleAsync(a => a.ClientId == world.Second.Id));
        Assert.Equal((assignment.Id, assignment.UserId), (back.Id, back.UserId));
        var after = await World.InTenantAsync(world.Second, db => db.AccountSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal((before.BillingMode, before.ResellerPrice, before.PlanId), (after.BillingMode, after.ResellerPrice, after.PlanId));
        Assert.Equal(before.ChangedAt, after.ChangedAt, TimeSpan.FromMilliseconds(1));
        Assert.Null(await EndedAtAsync(world.Reseller, relationship));
        Assert.DoesNotContain("Powered by", await FooterAsync(world.Second));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "client.detach_undone")));
        Assert.True(await World.InTenantAsync(world.Second, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.detach_undone")));
        var (_, page) = await admin.GetPageAsync($"/clients/{world.Second.Id}");
        Assert.Equal(world.Second.Name, page.QuerySelector("h1")!.TextContent.Trim());

        // The same token again: the client is served already, so nothing changes.
        var twice = await admin.PostFormAsync("/clients", new Dictionary<string, string> { ["token"] = token }, "/clients?handler=UndoDetach");
        Assert.Contains("cannot be brought back", Uri.UnescapeDataString(twice.Headers.Location!.OriginalString));
        Assert.Equal(1, await World.InTenantAsync(world.Reseller, db => db.PartnerClientAssignments.CountAsync(a => a.ClientId == world.Second.Id)));
    }

    [Fact]
    public async Task RefuseToUndoADetachAfterFifteenMinutes()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var detached = await admin.PostFormAsync($"/clients/{world.Second.Id}", new Dictionary<string, string>(), $"/clients/{world.Second.Id}?handler=Detach");
        var (_, list) = await admin.GetPageAsync(detached.Headers.Location!.OriginalString);
        var token = list.QuerySelector<IHtmlInputElement>(".notice input[name=token]")!.Value;

        Factory.Clock.Advance(UndoTokens.Lifetime + TimeSpan.FromSeconds(1));
        var late = await admin.PostFormAsync("/clients", new Dictionary<string, string> { ["token"] = token }, "/clients?handler=UndoDetach");

        Assert.Contains("can no longer be undone (Undo lasts 15 minutes)", Uri.UnescapeDataString(late.Headers.Location!.OriginalString));
        Assert.False(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.ClientId == world.Second.Id && l.EndedAt == null)));
    }

    [Fact]
    public async Task GiveARevokedPartnerTheSameAccessBack()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var link = await World.GlobalAsync(db => db.PartnerClientLinks.AsNoTracking().SingleAsync(l => l.ClientId == world.Client.Id));
        var relationship = await ManagedAsync(world.Reseller, world.Client);
        ClockNotBehind();
        using var owner = await Factory.SignedInAsync(world.Client.Host, world.ClientOwner);
        var (_, access) = await owner.GetPageAsync("/settings/access");
        Assert.Contains("You can undo this for 15 minutes", access.QuerySelector("form[action*='handler=Revoke'][data-confirm]")!.GetAttribute("data-confirm"));
        Assert.NotNull(access.QuerySelector("script[src='/account/form-token.js']"));

        var revoked = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString(), ["confirmName"] = world.Reseller.Name }, "/settings/access/partners?handler=Revoke");

        var (_, page) = await owner.GetPageAsync(revoked.Headers.Location!.OriginalString);
        Assert.Contains($"Access of {world.Reseller.Name} revoked", page.QuerySelector(".notice")!.TextContent);
        var token = page.QuerySelector<IHtmlInputElement>("form[action*='handler=UndoRevoke'] input[name=token]")!.Value;
        Assert.Contains("Powered by", await FooterAsync(world.Client));
        Assert.NotNull(await EndedAtAsync(world.Reseller, relationship));

        // The other client's owner cannot use it on its own host.
        var otherOwner = await World.CreateUserAsync();
        await World.AddMemberAsync(world.OtherClient, otherOwner, OrganizationRole.Owner);
        using var stranger = await Factory.SignedInAsync(world.OtherClient.Host, otherOwner);
        var stolen = await stranger.PostFormAsync("/settings/access", new Dictionary<string, string> { ["token"] = token }, "/settings/access/partners?handler=UndoRevoke");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(stolen.Headers.Location!.OriginalString));
        Assert.NotNull(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));

        var undone = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["token"] = token }, "/settings/access/partners?handler=UndoRevoke");

        Assert.Contains($"{world.Reseller.Name} has its access back", Uri.UnescapeDataString(undone.Headers.Location!.OriginalString));
        Assert.Null(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));
        Assert.Equal(1, await World.GlobalAsync(db => db.PartnerClientLinks.CountAsync(l => l.ClientId == world.Client.Id)));
        Assert.DoesNotContain("Powered by", await FooterAsync(world.Client));
        Assert.Null(await EndedAtAsync(world.Reseller, relationship));
        Assert.True(await World.InTenantAsync(world.Client, db => db.AuditEntries.AnyAsync(a => a.Action == "partner.access_restored" && a.UserId == world.ClientOwner.Id)));
        var (_, again) = await owner.GetPageAsync("/settings/access");
        Assert.Contains(world.Reseller.Name, again.QuerySelector("article.partner-access h3")!.TextContent);

        // Revoked again and left past the window: Undo is refused and the access stays revoked.
        var second = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString(), ["confirmName"] = world.Reseller.Name }, "/settings/access/partners?handler=Revoke");
        var (_, secondPage) = await owner.GetPageAsync(second.Headers.Location!.OriginalString);
        var lateToken = secondPage.QuerySelector<IHtmlInputElement>("form[action*='handler=UndoRevoke'] input[name=token]")!.Value;
        Factory.Clock.Advance(UndoTokens.Lifetime + TimeSpan.FromSeconds(1));
        var late = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["token"] = lateToken }, "/settings/access/partners?handler=UndoRevoke");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(late.Headers.Location!.OriginalString));
        Assert.NotNull(await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.Id == link.Id).Select(l => l.EndedAt).SingleAsync()));
    }

    [Fact]
    public async Task MakeAJustMarkedPartnerAClientAgainUnlessItWorkedAsOne()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);
        var quiet = await World.CreateOrganizationAsync("Quiet Consulting");
        var busy = await World.CreateOrganizationAsync("Busy Consulting");

        var marked = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["organizationId"] = quiet.Id.ToString() }, "/platform/organizations?handler=MarkPartner");
        var (_, page) = await platform.GetPageAsync(marked.Headers.Location!.OriginalString);
        Assert.Contains("Quiet Consulting is now a partner", page.QuerySelector(".notice")!.TextContent);
        var token = page.QuerySelector<IHtmlInputElement>(".notice form[action*='handler=UndoMarkPartner'] input[name=token]")!.Value;
        Assert.Equal(OrganizationKind.Partner, await KindAsync(quiet));

        var undone = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["token"] = token }, "/platform/organizations?handler=UndoMarkPartner");
        Assert.Contains("Quiet Consulting is a client again", Uri.UnescapeDataString(undone.Headers.Location!.OriginalString));
        Assert.Equal(OrganizationKind.Client, await KindAsync(quiet));
        Assert.True(await World.GlobalAsync(db => db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AnyAsync(a => a.Action == "platform.partner_unmarked" && a.OrganizationId == quiet.Id && a.UserId == admin.Id)));

        // Marked, then serving a client: making it a client again would strand that client, so it stays a partner.
        var busyMarked = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["organizationId"] = busy.Id.ToString() }, "/platform/organizations?handler=MarkPartner");
        var (_, busyPage) = await platform.GetPageAsync(busyMarked.Headers.Location!.OriginalString);
        var busyToken = busyPage.QuerySelector<IHtmlInputElement>(".notice input[name=token]")!.Value;
        await World.CreateOrganizationAsync("Served By Busy", reseller: busy);
        var refused = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["token"] = busyToken }, "/platform/organizations?handler=UndoMarkPartner");
        Assert.Contains("Busy Consulting stays a partner", Uri.UnescapeDataString(refused.Headers.Location!.OriginalString));
        Assert.Equal(OrganizationKind.Partner, await KindAsync(busy));

        // A token another kind of Undo sealed opens nothing here.
        var forged = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["token"] = token[..^4] + "AAAA" }, "/platform/organizations?handler=UndoMarkPartner");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(forged.Headers.Location!.OriginalString));
    }

    /// <summary>The rows the world writes carry the real time; the portal's clock must not lag behind them.</summary>
    private void ClockNotBehind()
    {
        if (DateTimeOffset.UtcNow > Factory.Clock.GetUtcNow()) Factory.Clock.SetUtcNow(DateTimeOffset.UtcNow);
    }

    private Task<OrganizationKind> KindAsync(TestOrganization org) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Kind).SingleAsync());

    /// <summary>The partner's managed relationship with the account (P3), as a qualifying activity would have started it.</summary>
    private async Task<Guid> ManagedAsync(TestOrganization partner, TestOrganization account) =>
        await World.InTenantAsync(partner, async db =>
        {
            var relationship = new ManagedRelationship { AccountId = account.Id, StartedAt = DateTime.UtcNow.AddDays(-3), LastActivityAt = DateTime.UtcNow.AddDays(-1), LastActivityKind = "solutions.record-created" };
            db.Add(relationship);
            await db.SaveChangesAsync();
            return relationship.Id;
        });

    private Task<DateTime?> EndedAtAsync(TestOrganization partner, Guid relationshipId) =>
        World.InTenantAsync(partner, db => db.Set<ManagedRelationship>().Where(r => r.Id == relationshipId).Select(r => r.EndedAt).SingleAsync());

    /// <summary>The footer of the account's sign-in page: "Powered by" shows only on a direct client's pages (T4).</summary>
    private async Task<string> FooterAsync(TestOrganization account)
    {
        using var visitor = Factory.ClientFor(account.Host);
        var (_, page) = await visitor.GetPageAsync("/account/signin");
        return page.QuerySelector("footer")?.TextContent ?? string.Empty;
    }
}
