using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R1: an owner converts a regular organization into a reseller; a reseller without clients reverts.</summary>
public sealed class ResellerProgramShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task LetAnOwnerTurnARegularOrganizationIntoAResellerWithADashboard()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Omega Consulting");
        using var client = await Factory.SignedInAsync(org.Host, owner);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clients")).StatusCode);

        var response = await client.PostFormAsync("/settings/reseller", new Dictionary<string, string>(), action: "/settings/reseller?handler=Convert");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/clients", response.Headers.Location!.OriginalString);
        Assert.Equal(OrganizationKind.Partner, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Kind).SingleAsync()));
        var (dashboard, page) = await client.GetPageAsync("/clients");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Matches("^[A-Z0-9]{8}$", page.QuerySelector("#partner-code")!.TextContent);
        Assert.NotNull(page.QuerySelector("header a[href='/clients']"));
        Assert.True(await World.InTenantAsync(org, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.converted" && a.UserId == owner.Id)));
    }

    [Fact]
    public async Task RefuseToConvertAResellersClientOrToLetAnAdminConvert()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner);
        var (_, page) = await owner.GetPageAsync("/settings/reseller");
        Assert.Null(page.QuerySelector("form[action*='Convert']"));
        var response = await owner.PostFormAsync("/settings/reseller", new Dictionary<string, string>(), action: "/settings/reseller?handler=Convert", formIndex: 0);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("reseller's client", (await PortalClient.ParseAsync(response)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(OrganizationKind.Client, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.First.Id).Select(o => o.Kind).SingleAsync()));

        var (org, admin) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin);
        using var adminClient = await Factory.SignedInAsync(org.Host, admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminClient.GetAsync("/settings/reseller")).StatusCode);
    }

    [Fact]
    public async Task RevertOnlyOnceNoClientIsLeft()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var refused = await admin.PostFormAsync("/settings/reseller", new Dictionary<string, string>(), action: "/settings/reseller?handler=Revert");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("You still serve 2 client accounts", (await PortalClient.ParseAsync(refused)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(OrganizationKind.Partner, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.Reseller.Id).Select(o => o.Kind).SingleAsync()));

        foreach (var client in new[] { world.First, world.Second })
        {
            var detached = await admin.PostFormAsync($"/clients/{client.Id}", new Dictionary<string, string>(), action: $"/clients/{client.Id}?handler=Detach");
            Assert.Equal(HttpStatusCode.Redirect, detached.StatusCode);
        }

        var reverted = await admin.PostFormAsync("/settings/reseller", new Dictionary<string, string>(), action: "/settings/reseller?handler=Revert");
        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        Assert.Equal(OrganizationKind.Client, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.Reseller.Id).Select(o => o.Kind).SingleAsync()));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.reverted")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/clients")).StatusCode);
    }
}
