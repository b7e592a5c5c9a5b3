using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;

namespace PartnerPortal.IntegrationTests;

/// <summary>The database lease that lets one instance of several run a periodic job (DESIGN "Background work").</summary>
public sealed class JobLeasesShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task LetExactlyOneOfManyInstancesClaimAFreeLease()
    {
        var name = TestWorld.UniqueSlug("job");
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => ClaimAsync(name, $"instance-{i}", TimeSpan.FromHours(1)))));
        Assert.Single(claims, claimed => claimed);
    }

    [Fact]
    public async Task RefuseAHeldLeaseUntilItExpires()
    {
        var name = TestWorld.UniqueSlug("job");
        Assert.True(await ClaimAsync(name, "first", TimeSpan.FromMinutes(10)));
        Assert.False(await ClaimAsync(name, "second", TimeSpan.FromMinutes(10)));
        Assert.False(await ClaimAsync(name, "first", TimeSpan.FromMinutes(10))); // not even the holder runs it twice in one period

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await ClaimAsync(name, "second", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task FreeALeaseItsHolderReleases()
    {
        var name = TestWorld.UniqueSlug("job");
        Assert.True(await ClaimAsync(name, "first", TimeSpan.FromHours(1)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var leases = new JobLeases(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), _time);
            await leases.ReleaseAsync(name, "someone-else", CancellationToken.None);
        }

        Assert.False(await ClaimAsync(name, "second", TimeSpan.FromHours(1)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var leases = new JobLeases(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), _time);
            await leases.ReleaseAsync(name, "first", CancellationToken.None);
        }

        Assert.True(await ClaimAsync(name, "second", TimeSpan.FromHours(1)));
    }

    private async Task<bool> ClaimAsync(string name, string holder, TimeSpan duration)
    {
        // A scope (and connection) per claim, as each instance has its own.
        await using var scope = Factory.Services.CreateAsyncScope();
        var leases = new JobLeases(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), _time);
        return await leases.TryClaimAsync(name, holder, duration, CancellationToken.None);
    }
}
