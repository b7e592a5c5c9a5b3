using System.Collections.Concurrent;
using System.Net;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A2 under load: 1,000 requests of two tenants' owners, interleaved and concurrent on one
/// instance, each answered with its own organization's data and never a byte of the other's
/// (the tenant context, the cache and the view cache are per request, not per thread or per moment).
/// </summary>
public sealed class InterleavedIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task NeverShowOneTenantsDataToTheOtherUnderConcurrentLoad()
    {
        var a = await TenantAsync("Alpha");
        var b = await TenantAsync("Bravo");
        string[] paths = ["/settings", "/settings/members", "/settings/workspaces", "/dashboard"];
        var leaks = new ConcurrentBag<string>();
        var answered = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var (mine, theirs) = i % 2 == 0 ? (a, b) : (b, a);
            var path = paths[i / 2 % paths.Length];
            var response = await mine.Client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) leaks.Add($"{mine.Marker} {path}: {response.StatusCode}");
            else if (!html.Contains(mine.Marker, StringComparison.Ordinal)) leaks.Add($"{mine.Marker} {path}: its own name missing");
            if (html.Contains(theirs.Marker, StringComparison.Ordinal) || html.Contains(theirs.Email, StringComparison.OrdinalIgnoreCase))
                leaks.Add($"{mine.Marker} {path}: shows {theirs.Marker}'s data");
            Interlocked.Increment(ref answered);
        });

        Assert.Equal(1000, answered);
        Assert.Empty(leaks);
        a.Client.Dispose();
        b.Client.Dispose();
    }

    private async Task<(PortalClient Client, string Marker, string Email)> TenantAsync(string name)
    {
        var marker = $"{name} {Guid.NewGuid():N}"[..20];
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, marker);
        return (await Factory.SignedInAsync(org.Host, owner), marker, owner.Email!);
    }
}
