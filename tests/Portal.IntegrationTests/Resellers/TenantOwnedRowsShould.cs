using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>
/// A2: the reseller program's rows that join two organizations belong to one of them, and the other
/// side reaches them only through the pages that check the relationship. (Shares: SharesShould;
/// tickets: LogInAsClientShould; the access page: AccessPageShould.)
/// </summary>
public sealed class TenantOwnedRowsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task KeepEachPartnersDashboardRowsToItself()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        foreach (var search in new[] { "gamma", world.OtherClient.Slug, world.Direct.Slug })
        {
            var (_, page) = await admin.GetPageAsync($"/clients?q={search}");
            Assert.NotNull(page.QuerySelector("#no-clients"));
        }

        var export = await admin.GetAsync("/clients/export.csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("Gamma Not Yours", await export.Content.ReadAsStringAsync());

        // The rows are the partners' own: the "Tenant" filter alone shows each partner its clients.
        Assert.Equal(new[] { world.First.Id, world.Second.Id }.Order(), (await World.InTenantAsync(world.Reseller, db => db.Set<ClientRow>().Select(r => r.ClientId).ToListAsync())).Order());
        Assert.Equal([world.OtherClient.Id], await World.InTenantAsync(world.OtherReseller, db => db.Set<ClientRow>().Select(r => r.ClientId).ToListAsync()));
        Assert.Empty(await World.InTenantAsync(world.First, db => db.Set<ClientRow>().ToListAsync()));
    }

    [Fact]
    public async Task ShowAConnectRequestOnlyToTheAccountAndTheResellerItNames()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin);
        var code = (await other.GetPageAsync("/clients")).Document.QuerySelector("#partner-code")!.TextContent.Trim();
        using (var owner = await Factory.SignedInAsync(world.Direct.Host, world.DirectOwner))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/settings/reseller", new Dictionary<string, string> { ["Code"] = code }, action: "/settings/reseller?handler=Code")).StatusCode);
        }

        Assert.Contains("Delta Direct", (await other.GetPageAsync("/clients/connect")).Document.QuerySelector("main")!.TextContent);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        Assert.DoesNotContain("Delta Direct", (await admin.GetPageAsync("/clients/connect")).Document.QuerySelector("main")!.TextContent);

        // The request is the account's row: no reseller holds it, not even the one it names.
        Assert.Equal(1, await World.InTenantAsync(world.Direct, db => db.Set<ConnectRequest>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(world.OtherReseller, db => db.Set<ConnectRequest>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(world.Reseller, db => db.Set<ConnectRequest>().CountAsync()));
    }
}
