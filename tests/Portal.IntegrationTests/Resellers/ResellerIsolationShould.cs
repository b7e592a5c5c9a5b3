using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>A2 for the reseller pages: every page from another tenant's host, an unknown host, signed out, without membership, with too low a role, and with another reseller's ids.</summary>
public sealed class ResellerIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    public static TheoryData<string, bool> ResellerPages => new()
    {
        // path, only for partner admins
        { "/clients", false },
        { "/clients/export.csv", false },
        { "/clients/export.xlsx", false },
        { "/clients/{first}", false },
        { "/clients/new", true },
        { "/clients/connect", true },
        { "/team", true },
        { "/team/merge", true },
    };

    [Theory]
    [MemberData(nameof(ResellerPages))]
    public async Task KeepEveryResellerPageOnTheResellersHostForItsPeople(string pattern, bool adminOnly)
    {
        var world = await ResellerWorld.CreateAsync(World);
        var path = pattern.Replace("{first}", world.First.Id.ToString());

        using (var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }

        using (var signedOut = Factory.ClientFor(world.Reseller.Host))
        {
            var response = await signedOut.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        await FormerMembers.RefusedSignInAsync(Factory, world.Reseller.Host, world.DirectOwner);
        using (var outsider = await FormerMembers.SignedInAsync(Factory, World, world.Reseller))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
        }

        using (var employee = await Factory.SignedInAsync(world.Reseller.Host, world.Employee))
        {
            // An employee without an assignment for the client: its page is a 404, like any client not theirs.
            var expected = adminOnly ? HttpStatusCode.Forbidden : pattern.Contains("{first}") ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.Equal(expected, (await employee.GetAsync(path)).StatusCode);
        }

        using (var onClient = await Factory.SignedInAsync(world.First.Host, world.ClientOwner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onClient.GetAsync(path)).StatusCode);
        }

        using (var otherReseller = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin))
        {
            var expected = pattern.Contains("{first}") ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.Equal(expected, (await otherReseller.GetAsync(path)).StatusCode);
        }

        using var unknown = Factory.ClientFor("no-such-reseller.portal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path)).StatusCode);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/settings/reseller")]
    [InlineData("/settings/reseller/connect?token=abc")]
    public async Task KeepTheResellerSettingsToOwners(string path)
    {
        var world = await ResellerWorld.CreateAsync(World);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Direct, admin, OrganizationRole.Admin);

        using (var signedOut = Factory.ClientFor(world.Direct.Host))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync(path)).StatusCode);
        }

        using (var tooLow = await Factory.SignedInAsync(world.Direct.Host, admin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await tooLow.GetAsync(path)).StatusCode);
        }

        await FormerMembers.RefusedSignInAsync(Factory, world.Direct.Host, world.ClientOwner);
        using (var outsider = await FormerMembers.SignedInAsync(Factory, World, world.Direct, OrganizationRole.Admin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
        }

        using var unknown = Factory.ClientFor("no-such-account.portal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path)).StatusCode);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("Detach")]
    [InlineData("Delete")]
    [InlineData("HandOver")]
    public async Task ChangeNothingForAnotherResellersClientOrAnAccountNotLinked(string handler)
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        foreach (var stranger in new[] { world.OtherClient, world.Direct, world.OtherReseller, world.Reseller })
        {
            var fields = new Dictionary<string, string> { ["ConfirmName"] = stranger.Name, ["HandOverEmail"] = "taker@evil.test" };
            var response = await admin.PostFormAsync($"/clients/{world.First.Id}", fields, action: $"/clients/{stranger.Id}?handler={handler}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

            var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == stranger.Id));
            Assert.Equal(OrganizationStatus.Active, org.Status);
            Assert.False(await World.GlobalAsync(db => db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AnyAsync(d => d.ClientId == stranger.Id)));
            Assert.Equal(0, await World.InTenantAsync(stranger, db => db.Invitations.CountAsync()));
        }

        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.OtherReseller.Id && l.ClientId == world.OtherClient.Id && l.EndedAt == null)));
    }

    [Fact]
    public async Task LetAnEmployeeSeeButNotChangeAnAssignedClient()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Employee, world.First);
        using var employee = await Factory.SignedInAsync(world.Reseller.Host, world.Employee);
        var page = $"/clients/{world.First.Id}";
        foreach (var handler in new[] { "Detach", "Delete", "HandOver" })
        {
            var response = await employee.PostFormAsync(page, new Dictionary<string, string> { ["ConfirmName"] = world.First.Name, ["HandOverEmail"] = "a@b.test" }, action: $"{page}?handler={handler}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.ClientId == world.First.Id && l.EndedAt == null)));
    }
}
