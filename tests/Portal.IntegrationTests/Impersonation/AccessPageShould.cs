using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.IntegrationTests.Impersonation;

/// <summary>A5: a client's owners see who can reach their data and every impersonation, and revoke a partner's access; nobody else sees it.</summary>
public sealed class AccessPageShould(EventRecordingPortalFactory factory) : PortalTest<EventRecordingPortalFactory>(factory)
{
    [Fact]
    public async Task ShowThePartnerItsPeopleWhoCanEnterAndEveryImpersonation()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.AssignedEmployee), world.Client, "Import the price list");
        await onClient.PostFormAsync("/settings", new Dictionary<string, string>(), "/_impersonation?handler=back");

        var owner = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        var (response, page) = await owner.GetPageAsync("/settings/access");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partner = page.QuerySelector("article.partner-access")!;
        Assert.Equal(world.Reseller.Name, partner.QuerySelector("h3")!.TextContent);
        var people = partner.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(new[] { world.ResellerAdmin.Email, world.AssignedEmployee.Email }.Order(), people.Order());
        Assert.DoesNotContain(world.UnassignedEmployee.Email!, partner.TextContent);
        var employeeRow = partner.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(world.AssignedEmployee.Email!));
        Assert.Contains("assigned to this account", employeeRow.TextContent);
        Assert.NotEqual("—", employeeRow.QuerySelectorAll("td")[3].TextContent); // last activity: the impersonation

        var history = page.QuerySelector("table.impersonations tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(world.AssignedEmployee.Email, history[0]);
        Assert.Equal(world.Reseller.Name, history[1]);
        Assert.Equal("Import the price list", history[2]);
        Assert.Equal(ImpersonationEndReasons.BackToDashboard, history[5]);
        Assert.NotNull(page.QuerySelector("nav.subnav a[href='/settings/access'][aria-current=page]"));
        Assert.DoesNotContain("Cloudbase", page.DocumentElement.OuterHtml);
        Assert.DoesNotContain(world.OtherReseller.Name, page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task RevokeAPartnersAccessEndItsRunningSessionsAndTellOtherModules()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onReseller = await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var onClient = await browser.ImpersonateAsync(onReseller, world.Client);

        var owner = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        // The riskiest change: without the partner's name typed, nothing happens (issue 14).
        var unconfirmed = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString(), ["confirmName"] = "not the name" }, "/settings/access/partners?handler=Revoke");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains($"Type the partner's name exactly as shown ({world.Reseller.Name})", (await PortalClient.ParseAsync(unconfirmed)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Null((await World.GlobalAsync(db => db.PartnerClientLinks.SingleAsync(l => l.ClientId == world.Client.Id))).EndedAt);

        var revoked = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString(), ["confirmName"] = world.Reseller.Name }, "/settings/access/partners?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        Assert.NotNull((await World.GlobalAsync(db => db.PartnerClientLinks.SingleAsync(l => l.ClientId == world.Client.Id))).EndedAt);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.AccessRevoked, session.EndReason);
        Assert.Equal(HttpStatusCode.Redirect, (await onClient.GetAsync("/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onReseller.GetAsync($"/clients/{world.Client.Id}/log-in")).StatusCode);
        Assert.True(await World.InTenantAsync(world.Client, db => db.AuditEntries.AnyAsync(a => a.Action == "partner.access_revoked" && a.UserId == world.ClientOwner.Id)));
        Assert.Contains(Factory.Events, e => e.Kind == PartnerAccessOverview.AccessRevokedEvent && e.OrganizationId == world.Client.Id && e.UserId == world.ClientOwner.Id);

        var (_, page) = await owner.GetPageAsync("/settings/access");
        Assert.Null(page.QuerySelector("article.partner-access"));
    }

    [Fact]
    public async Task RevokeNothingForAPartnerThatIsNotLinkedToThisAccount()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var owner = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        foreach (var stranger in new[] { world.OtherReseller.Id, world.OtherClient.Id, Guid.NewGuid() })
        {
            var post = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = stranger.ToString() }, "/settings/access/partners?handler=Revoke");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        Assert.Null((await World.GlobalAsync(db => db.PartnerClientLinks.SingleAsync(l => l.ClientId == world.OtherClient.Id))).EndedAt);
        Assert.Null((await World.GlobalAsync(db => db.PartnerClientLinks.SingleAsync(l => l.ClientId == world.Client.Id))).EndedAt);

        // The other reseller's client cannot revoke this client's partner either: its page only knows its own link.
        var (otherOrg, otherOwner) = await World.OrganizationWithMemberAsync();
        var stranger2 = await new Browser(Factory).SignedInAsync(otherOrg.Host, otherOwner);
        var foreign = await stranger2.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString() }, "/settings/access/partners?handler=Revoke");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null((await World.GlobalAsync(db => db.PartnerClientLinks.SingleAsync(l => l.ClientId == world.Client.Id))).EndedAt);
    }

    [Fact]
    public async Task BeForOwnersOfThisAccountOnItsOwnHostOnly()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var impersonator = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);

        // An impersonating reseller acts as an owner elsewhere, but not over the owners' own controls.
        Assert.Equal(HttpStatusCode.Forbidden, (await impersonator.GetAsync("/settings/access")).StatusCode);
        var revoke = await impersonator.PostFormAsync("/settings", new Dictionary<string, string> { ["partnerId"] = world.Reseller.Id.ToString() }, "/settings/access/partners?handler=Revoke");
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        var policy = await impersonator.PostFormAsync("/settings", new Dictionary<string, string> { ["Policy"] = "Allow" }, "/settings/access/partners?handler=Policy");
        Assert.Equal(HttpStatusCode.Forbidden, policy.StatusCode);
        Assert.False(await World.InTenantAsync(world.Client, db => db.Set<ImpersonationPolicySetting>().AnyAsync()));

        var signedOut = Factory.ClientFor(world.Client.Host);
        var challenge = await signedOut.GetAsync("/settings/access");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/account/signin", challenge.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor("nobody.portal.test").GetAsync("/settings/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(PortalFactory.PlatformDomain).GetAsync("/settings/access")).StatusCode);

        var admin = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/settings/access")).StatusCode);
        // A partner admin signed in on the client's host (no membership there, not impersonating) gets nothing.
        var partnerOnClient = new Browser(Factory).On(world.Client.Host);
        await partnerOnClient.SignInAsync(world.ResellerAdmin.Email!);
        Assert.NotEqual(HttpStatusCode.OK, (await partnerOnClient.GetAsync("/settings/access")).StatusCode);

        // Another organization's owner sees its own (empty) page, nothing of this client.
        var (otherOrg, otherOwner) = await World.OrganizationWithMemberAsync();
        var (response, page) = await (await new Browser(Factory).SignedInAsync(otherOrg.Host, otherOwner)).GetPageAsync("/settings/access");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(world.Reseller.Name, page.DocumentElement.OuterHtml);
        Assert.Null(page.QuerySelector("table.impersonations"));
    }
}

/// <summary>A portal that keeps every kernel event it raised, for tests of what modules tell each other.</summary>
public sealed class EventRecordingPortalFactory : PortalFactory
{
    public ConcurrentQueue<PortalEvent> Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IPortalEventHandler>(_ => new Recorder(Events)));
    }

    private sealed class Recorder(ConcurrentQueue<PortalEvent> events) : IPortalEventHandler
    {
        public Task HandleAsync(PortalEvent portalEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(portalEvent);
            return Task.CompletedTask;
        }
    }
}
