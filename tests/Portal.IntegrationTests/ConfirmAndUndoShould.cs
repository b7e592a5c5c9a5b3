using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;
using PartnerPortal.IntegrationTests.Solutions;

namespace PartnerPortal.IntegrationTests;

/// <summary>Issue 14, "Confirm, report, undo": destructive actions say what will happen, every action says what it did, and what can be undone offers Undo.</summary>
public sealed class ConfirmAndUndoShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task DeleteARecordSayWhichAndPutItBackOnUndo()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, org, 3);
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);
        var recordId = await World.InTenantAsync(org, db => db.Set<PartnerPortal.Solutions.SolutionRecord>().Where(r => r.ValuesJson.Contains("\"Patient 1\"")).Select(r => r.Id).SingleAsync());
        var path = $"/solutions/{solutionId}/tables/patients/record/{recordId}";
        var (_, form) = await client.GetPageAsync(path);
        Assert.Contains("you can undo this", form.QuerySelector("form[data-confirm]")!.GetAttribute("data-confirm"));

        var deleted = await client.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Delete", formIndex: 0);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(2, await SolutionWorld.RecordCountAsync(World, org));
        var (_, list) = await client.GetPageAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains("“Patient 1” was deleted.", list.QuerySelector(".notice")!.TextContent);
        var token = list.QuerySelector<IHtmlInputElement>(".notice input[name=token]")!.Value;

        // A forged token changes nothing; the real one puts the same record back.
        var forged = await client.PostFormAsync(deleted.Headers.Location!.OriginalString, new Dictionary<string, string> { ["token"] = token[..^4] + "AAAA" }, $"/solutions/{solutionId}/tables/patients/record?handler=Restore");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(forged.Headers.Location!.OriginalString));
        Assert.Equal(2, await SolutionWorld.RecordCountAsync(World, org));
        // The notice's own Undo form, as the browser sends it (its own antiforgery token, not another form's).
        var undone = await client.SubmitAsync(list.QuerySelector<IHtmlFormElement>(".notice form")!);
        Assert.Contains("“Patient 1” is back.", Uri.UnescapeDataString(undone.Headers.Location!.OriginalString));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, org));
        Assert.True(await World.InTenantAsync(org, db => db.Set<PartnerPortal.Solutions.SolutionRecord>().AnyAsync(r => r.Id == recordId)));
        var (_, again) = await client.GetPageAsync($"/solutions/{solutionId}/tables/patients?q=Patient");
        Assert.Contains("Patient 1", again.QuerySelector("table.records")!.TextContent); // searchable again: its index rows came back

        // Another organization cannot use the token.
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var otherSolution = await BillingWorld.SolutionWithRecordsAsync(Factory, other, 0);
        using var stranger = await BillingWorld.SignedInAsync(Factory, other.Host, otherOwner);
        var stolen = await stranger.PostFormAsync($"/solutions/{otherSolution}/tables/patients", new Dictionary<string, string> { ["token"] = token }, $"/solutions/{otherSolution}/tables/patients/record?handler=Restore");
        Assert.Contains("can no longer be undone", Uri.UnescapeDataString(stolen.Headers.Location!.OriginalString));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, other));
    }

    [Fact]
    public async Task RemoveAMemberSayWhoAndBringThemBackOnUndo()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(org, admin, OrganizationRole.Admin);
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);
        var membershipId = await World.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == admin.Id).Select(m => m.Id).SingleAsync());
        var (_, members) = await client.GetPageAsync("/settings/members");
        Assert.Contains(members.QuerySelectorAll("form[action*='handler=Remove'][data-confirm]"), f => f.GetAttribute("data-confirm")!.StartsWith($"Remove {admin.Email}? They can no longer sign in", StringComparison.Ordinal));

        var removed = await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = membershipId.ToString() }, "/settings/members?handler=Remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var (_, page) = await client.GetPageAsync(removed.Headers.Location!.OriginalString);
        Assert.Contains($"{admin.Email} was removed", page.QuerySelector(".notice")!.TextContent);
        Assert.False(await World.InTenantAsync(org, db => db.Memberships.AnyAsync(m => m.UserId == admin.Id)));
        var token = page.QuerySelector<IHtmlInputElement>(".notice input[name=token]")!.Value;
        var undone = await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["token"] = token }, "/settings/members?handler=Undo");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        var back = await World.InTenantAsync(org, db => db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == admin.Id));
        Assert.Equal(OrganizationRole.Admin, back.Role);
        Assert.True(await World.InTenantAsync(org, db => db.WorkspaceMemberships.AnyAsync(w => w.UserId == admin.Id)));
    }

    [Fact]
    public async Task LetAResellerRestoreADeletedClientDuringItsGracePeriod()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var deleted = await admin.PostFormAsync($"/clients/{world.First.Id}", new Dictionary<string, string> { ["ConfirmName"] = world.First.Name }, $"/clients/{world.First.Id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, list) = await admin.GetPageAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains($"{world.First.Name} was deleted", list.QuerySelector(".notice")!.TextContent);
        Assert.Contains(world.First.Name, list.QuerySelector("#deleted-clients")!.TextContent);
        var deletionId = list.QuerySelector<IHtmlInputElement>("#deleted-clients input[name=deletionId]")!.Value;

        // Another reseller cannot restore it; its id is a 404 there.
        using var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/clients", new Dictionary<string, string> { ["deletionId"] = deletionId }, "/clients?handler=Restore")).StatusCode);

        var restored = await admin.PostFormAsync("/clients", new Dictionary<string, string> { ["deletionId"] = deletionId }, "/clients?handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains($"{world.First.Name} was restored", Uri.UnescapeDataString(restored.Headers.Location!.OriginalString));
        Assert.Equal(OrganizationStatus.Active, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.First.Id).Select(o => o.Status).SingleAsync()));
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.ClientId == world.First.Id && l.PartnerId == world.Reseller.Id && l.EndedAt == null)));
        using var owner = Factory.ClientFor(world.First.Host);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(world.ClientOwner.Email!)).StatusCode); // its host answers again
        var (_, after) = await admin.GetPageAsync("/clients");
        Assert.Null(after.QuerySelector("#deleted-clients"));
        Assert.NotNull(after.QuerySelector($"tr[data-client='{world.First.Id}']"));
    }

    [Fact]
    public async Task SayWhatDetachingDoesBeforeAndAfter()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var (_, page) = await admin.GetPageAsync($"/clients/{world.Second.Id}");
        Assert.Contains("billed directly by the platform", page.QuerySelector("form[action*='handler=Detach']")!.GetAttribute("data-confirm"));

        var detached = await admin.PostFormAsync($"/clients/{world.Second.Id}", new Dictionary<string, string>(), $"/clients/{world.Second.Id}?handler=Detach");

        var (_, list) = await admin.GetPageAsync(detached.Headers.Location!.OriginalString);
        Assert.Contains($"{world.Second.Name} was detached", list.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task ArchiveAPlanAndUndoIt()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);
        var (_, plans) = await platform.GetPageAsync("/platform/plans");
        Assert.NotNull(plans.QuerySelector("form[action*='handler=Archive'][data-confirm]"));

        var archived = await platform.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = Plan.Seeded.ProId.ToString() }, "/platform/plans?handler=Archive");
        Assert.NotNull(await World.GlobalAsync(db => db.Plans.Where(p => p.Id == Plan.Seeded.ProId).Select(p => p.ArchivedAt).SingleAsync()));
        var (_, page) = await platform.GetPageAsync(archived.Headers.Location!.OriginalString);
        Assert.Equal(Plan.Seeded.ProId.ToString(), page.QuerySelector<IHtmlInputElement>(".notice input[name=planId]")!.Value);

        await platform.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = Plan.Seeded.ProId.ToString() }, "/platform/plans?handler=Restore");
        Assert.Null(await World.GlobalAsync(db => db.Plans.Where(p => p.Id == Plan.Seeded.ProId).Select(p => p.ArchivedAt).SingleAsync()));
    }
}
