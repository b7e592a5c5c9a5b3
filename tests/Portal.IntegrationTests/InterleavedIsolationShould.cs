using System.Collections.Concurrent;
using System.Net;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A2 under load: 1,000 requests of two tenants' owners, interleaved and concurrent on one
/// instance (and on two, in <c>TwoInstancesShould</c>), each answered with its own organization's data and never a byte of the other's
/// (the tenant context, the cache and the view cache are per request, not per thread or per moment).
/// </summary>
public sealed class InterleavedIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    /// <summary>A tenant of the load: its name (on every page of its own), its owner's address, and signed-in clients (one per instance).</summary>
    public sealed record LoadTenant(string Marker, string Email, IReadOnlyList<PortalClient> Clients);

    [Fact]
    public async Task NeverShowOneTenantsDataToTheOtherUnderConcurrentLoad()
    {
        var a = await TenantAsync("Alpha");
        var b = await TenantAsync("Bravo");

        Assert.Empty(await InterleaveAsync(a, b));
        a.Clients[0].Dispose();
        b.Clients[0].Dispose();
    }

    /// <summary>
    /// 1,000 requests, 16 at a time, alternating between the tenants and, for each tenant, between its
    /// clients (so between instances); returns every answer that was not the tenant's own page or showed the other's data.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> InterleaveAsync(LoadTenant a, LoadTenant b)
    {
        string[] paths = ["/settings", "/settings/members", "/settings/workspaces", "/dashboard"];
        var leaks = new ConcurrentBag<string>();
        var answered = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var (mine, theirs) = i % 2 == 0 ? (a, b) : (b, a);
            var path = paths[i / 2 % paths.Length];
            var client = mine.Clients[i / 2 % mine.Clients.Count];
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) leaks.Add($"{mine.Marker} {path}: {response.StatusCode}");
            else if (!html.Contains(mine.Marker, StringComparison.Ordinal)) leaks.Add($"{mine.Marker} {path}: its own name missing");
            if (html.Contains(theirs.Marker, StringComparison.Ordinal) || html.Contains(theirs.Email, StringComparison.OrdinalIgnoreCase))
                leaks.Add($"{mine.Marker} {path}: shows {theirs.Marker}'s data");
            Interlocked.Increment(ref answered);
        });

        if (answered != 1000) leaks.Add($"only {answered} of 1,000 requests answered");
        return leaks;
    }

    private async Task<LoadTenant> TenantAsync(string name)
    {
        var marker = $"{name} {Guid.NewGuid():N}"[..20];
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, marker);
        return new(marker, owner.Email!, [await Factory.SignedInAsync(org.Host, owner)]);
    }
}
