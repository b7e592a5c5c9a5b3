using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.IntegrationTests;

/// <summary>A5, R4: a member's page views stamp "last activity" at most once a minute per member and organization, and the reseller's dashboard follows.</summary>
public sealed class LastActivityShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task WriteAtMostOncePerMinuteForAMemberOfAnOrganization()
    {
        var world = await ResellerWorld.CreateAsync(World);

        // Signing in is the first page view of the member here.
        var memberships = Factory.Commands.CountWriting("Memberships");
        using var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner);
        Assert.Equal(1, Factory.Commands.CountWriting("Memberships") - memberships);
        var stamped = await LastActiveAtAsync(world);
        Assert.NotNull(stamped);
        // The dashboard's copy moved with it (the kernel's event, handled by the Resellers module).
        Assert.Equal(stamped, await World.InTenantAsync(world.Reseller, db => db.Set<ClientRow>().Where(r => r.ClientId == world.First.Id).Select(r => r.LastActiveAt).SingleAsync()));

        // Within the minute, more page views write nothing at all.
        memberships = Factory.Commands.CountWriting("Memberships");
        var rows = Factory.Commands.CountWriting("Resellers_ClientRows");
        foreach (var path in new[] { "/settings", "/settings/members", "/settings" })
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(path)).StatusCode);
        }

        Assert.Equal(0, Factory.Commands.CountWriting("Memberships") - memberships);
        Assert.Equal(0, Factory.Commands.CountWriting("Resellers_ClientRows") - rows);
        Assert.Equal(stamped, await LastActiveAtAsync(world));
    }

    [Fact]
    public async Task StampOnceWhenSeveralViewsArriveTogetherAfterTheMinute()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner);
        var earlier = DateTime.UtcNow.AddMinutes(-2);
        await World.InTenantAsync(world.First, db => db.Memberships.Where(m => m.UserId == world.ClientOwner.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastActiveAt, earlier)));

        var rows = Factory.Commands.CountWriting("Resellers_ClientRows");
        var views = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => owner.GetAsync("/settings")));

        Assert.All(views, view => Assert.Equal(HttpStatusCode.OK, view.StatusCode));
        Assert.True(await LastActiveAtAsync(world) > earlier);
        // Only the view whose conditional update wrote raised the event the dashboard's copy follows.
        Assert.Equal(1, Factory.Commands.CountWriting("Resellers_ClientRows") - rows);
    }

    [Fact]
    public async Task StampTheMemberOnlyInTheOrganizationOfTheHost()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/clients")).StatusCode);

        // The partner's own member is stamped in the partner; nothing is stamped in any client.
        Assert.NotNull(await World.InTenantAsync(world.Reseller, db => db.Memberships.Where(m => m.UserId == world.Admin.Id).Select(m => m.LastActiveAt).SingleAsync()));
        Assert.Null(await LastActiveAtAsync(world));
    }

    private Task<DateTime?> LastActiveAtAsync(ResellerWorld world) =>
        World.InTenantAsync(world.First, db => db.Memberships.Where(m => m.UserId == world.ClientOwner.Id).Select(m => m.LastActiveAt).SingleAsync());
}
