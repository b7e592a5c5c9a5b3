using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// "Tenant resolution costs little": a tenant page with the real store against the same page
/// with the tenant fixed in code (target ≥ 0.95), and 10,000 organizations against 10 (≥ 0.90).
/// </summary>
public sealed class TenancyScenario(Wrk wrk, RunSettings settings, TextWriter log)
{
    public const double FixedTarget = 0.95;
    public const double ScaleTarget = 0.90;
    private const int FewOrganizations = 10;
    private const int ManyOrganizations = 10_000;
    private const int HostsRequested = 10;

    public async Task<IReadOnlyList<ComparisonResult>> RunAsync()
    {
        var startup = Stopwatch.StartNew();
        var few = Organizations(FewOrganizations);
        var many = Organizations(ManyOrganizations);

        // Ten tenant hosts, spread over the whole table in the large case, requested round-robin
        // in both cases so the cache holds the same number of entries.
        var fewHosts = Pick(few, HostsRequested);
        var manyHosts = Pick(many, HostsRequested);
        var single = new[] { HostOf(few[0]) };
        var fixedResolution = new HostResolution(HostKind.Tenant, TenantInfo.From(few[0], PortalHost.PlatformDomain));

        await using var resolved = await PortalHost.StartAsync("resolved", few);
        await using var fixedInCode = await PortalHost.StartAsync("fixed", Organizations(FewOrganizations), services =>
            services.Replace(ServiceDescriptor.Singleton<ITenantStore>(new FixedTenantStore(fixedResolution))));
        await using var large = await PortalHost.StartAsync("10k orgs", many);
        log.WriteLine($"[tenancy] three portals up and seeded in {startup.Elapsed.TotalSeconds:F1} s");

        await CheckAsync(resolved, few.Take(HostsRequested).Select(o => (HostOf(o), o.Name)));
        await CheckAsync(fixedInCode, [(single[0], few[0].Name)]);
        await CheckAsync(large, manyHosts.Select(h => (h, many.First(o => HostOf(o) == h).Name)));
        await CheckUnknownAsync(resolved);

        var resolvedOne = new Variant("resolved (1 host)", resolved, single);
        var fixedOne = new Variant("fixed in code (1 host)", fixedInCode, single);
        var largeTen = new Variant("10,000 orgs (10 hosts)", large, manyHosts);
        var smallTen = new Variant("10 orgs (10 hosts)", resolved, fewHosts);

        var comparison = new Comparison(wrk, settings, log);
        // The JIT state is shared by all portals in the process: warming the real store and the fixed one covers every variant.
        await comparison.WarmUpAsync([smallTen, fixedOne]);
        await MeasureLookupAsync(resolved, single[0]);
        var versusFixed = await comparison.RunAsync("tenant resolved vs fixed in code", resolvedOne, fixedOne, FixedTarget);
        var versusFew = await comparison.RunAsync("10,000 vs 10 organizations", largeTen, smallTen, ScaleTarget);
        return [versusFixed, versusFew];
    }

    /// <summary>
    /// The per-request work of resolution on its own, one thread, idle server: what the
    /// middleware spends before the page starts. Printed to put the throughput ratio in scale.
    /// </summary>
    private async Task MeasureLookupAsync(PortalHost portal, string host)
    {
        var store = portal.Services.GetRequiredService<ITenantStore>();
        const int Iterations = 200_000;
        for (var i = 0; i < Iterations / 10; i++)
        {
            HostName.TryNormalize(host, out _);
            await store.ResolveAsync(host);
        }

        var normalize = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++) HostName.TryNormalize(host, out _);
        normalize.Stop();

        var resolve = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++) await store.ResolveAsync(host);
        resolve.Stop();

        log.WriteLine($"[tenancy] per request, warm: HostName.TryNormalize {PerCall(normalize):F2} µs, ITenantStore.ResolveAsync (cache hit) {PerCall(resolve):F2} µs");

        static double PerCall(Stopwatch watch) => watch.Elapsed.TotalMicroseconds / Iterations;
    }

    /// <summary>The same organizations every run (same ids and slugs), so two portals can hold identical data.</summary>
    private static List<Organization> Organizations(int count) =>
        Enumerable.Range(1, count).Select(i => new Organization
        {
            Id = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]),
            Name = $"Benchmark Org {i}",
            Slug = $"org-{i:D5}",
            Kind = i % 5 == 0 ? OrganizationKind.Partner : OrganizationKind.Client,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        }).ToList();

    private static string[] Pick(IReadOnlyList<Organization> organizations, int count)
    {
        var step = organizations.Count / count;
        return Enumerable.Range(0, count).Select(i => HostOf(organizations[i * step + step / 2])).ToArray();
    }

    private static string HostOf(Organization organization) => $"{organization.Slug}.{PortalHost.PlatformDomain}";

    /// <summary>wrk counts redirects as success, so make sure each host really renders its own page first.</summary>
    private static async Task CheckAsync(PortalHost portal, IEnumerable<(string Host, string Name)> expected)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        foreach (var (host, name) in expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal.BaseAddress, Comparison.PagePath));
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains($"Sign in to {name}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{portal.Name}: GET {Comparison.PagePath} on {host} answered {(int)response.StatusCode}, not the sign-in page of {name}.");
            }
        }
    }

    private static async Task CheckUnknownAsync(PortalHost portal)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal.BaseAddress, Comparison.PagePath));
        request.Headers.Host = $"no-such-org.{PortalHost.PlatformDomain}";
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"{portal.Name}: an unknown host answered {(int)response.StatusCode}, not 404; the store is not resolving hosts.");
        }
    }
}
