using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.IntegrationTests.Impersonation;

/// <summary>R5: an impersonation ends after 30 minutes without a request and after 2 hours at most, whatever the cookie says.</summary>
public sealed class ImpersonationTimeoutsShould(ClockedPortalFactory factory) : PortalTest<ClockedPortalFactory>(factory)
{
    [Fact]
    public async Task EndASessionIdleForThirtyMinutesButNotOneInUse()
    {
        var (world, onClient) = await ImpersonatingAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        // 58 minutes after the start, but used 29 minutes ago; the security stamp check has renewed the claims meanwhile.
        var (page, document) = await onClient.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(document.QuerySelector("aside.impersonation-banner"));

        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await Browser.AssertSignedOutAsync(onClient);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.Idle, session.EndReason);
        Assert.True(await World.InTenantAsync(world.Client, db => db.AuditEntries.AnyAsync(a => a.Action == "impersonation.ended" && a.Detail!.Contains("idle"))));
    }

    [Fact]
    public async Task EndASessionAfterTwoHoursHoweverBusy()
    {
        var (world, onClient) = await ImpersonatingAsync();
        for (var i = 0; i < 4; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(25));
            Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);
        }

        // 100 minutes in: the cap, not the idle timeout, is now what is left.
        var (_, page) = await onClient.GetPageAsync("/settings");
        Assert.Contains("20 min left", page.QuerySelector("aside.impersonation-banner")!.TextContent);

        Factory.Clock.Advance(TimeSpan.FromMinutes(21));
        await Browser.AssertSignedOutAsync(onClient);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.Expired, session.EndReason);
    }

    [Fact]
    public async Task RefuseATicketOlderThanAMinute()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!;
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.On(world.Client.Host).GetAsync(handOver.PathAndQuery)).StatusCode);
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
    }

    private async Task<(ImpersonationWorld World, PortalClient OnClient)> ImpersonatingAsync()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        return (world, onClient);
    }

}
