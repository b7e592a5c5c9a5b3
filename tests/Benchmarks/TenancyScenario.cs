using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// "Tenant resolution costs little": a tenant page with the real store against the same page
/// with the tenant fixed in code (target ≥ 0.95), and 10,000 organizations against 10, each
/// rotating the Host header over all of its organizations' hosts with a warm cache (≥ 0.90, p99
/// within 1.5×), and the memory the cache of 10,000 tenants takes (goal under 50 MB).
/// </summary>
public sealed class TenancyScenario(Wrk wrk, RunSettings settings, TextWriter log)
{
    public const double FixedTarget = 0.95;
    public const double ScaleTarget = 0.90;
    public const double ScaleP99Target = 1.5;
    private const int FewOrganizations = 10;
    private const int ManyOrganizations = 10_000;
    private const int HostsChecked = 10;

    /// <summary>What the 10,000-organization portal's tenant cache held after every host was requested once (null until measured).</summary>
    public CacheMemory? Cache { get; private set; }

    public async Task<IReadOnlyList<ComparisonResult>> RunAsync()
    {
        var startup = Stopwatch.StartNew();
        var few = Organizations(FewOrganizations);
        var many = Organizations(ManyOrganizations);

        // Every host of each portal, round-robin: the large cache holds 10,000 tenants, the small one 10.
        var fewHosts = few.Select(HostOf).ToArray();
        var manyHosts = many.Select(HostOf).ToArray();
        var single = new[] { HostOf(few[0]) };
        var fixedResolution = new HostResolution(HostKind.Tenant, TenantInfo.From(few[0], PortalHost.PlatformDomain));

        await using var resolved = await PortalHost.StartAsync("resolved", few);
        await using var fixedInCode = await PortalHost.StartAsync("fixed", Organizations(FewOrganizations), services =>
            services.Replace(ServiceDescriptor.Singleton<ITenantStore>(new FixedTenantStore(fixedResolution))));
        await using var large = await PortalHost.StartAsync("10k orgs", many);
        log.WriteLine($"[tenancy] three portals up and seeded in {startup.Elapsed.TotalSeconds:F1} s");

        await CheckAsync(resolved, few.Select(o => (HostOf(o), o.Name)));
        await CheckAsync(fixedInCode, [(single[0], few[0].Name)]);
        // Ten hosts spread over the large table: the page path is warm there before its memory is measured.
        await CheckAsync(large, Spread(many, HostsChecked).Select(o => (HostOf(o), o.Name)));
        await CheckUnknownAsync(resolved);

        var resolvedOne = new Variant("resolved (1 host)", resolved, single);
        var fixedOne = new Variant("fixed in code (1 host)", fixedInCode, single);
        var largeAll = new Variant("10,000 orgs (10,000 hosts)", large, manyHosts);
        var smallAll = new Variant("10 orgs (10 hosts)", resolved, fewHosts);

        var comparison = new Comparison(wrk, settings, log);
        // The JIT state is shared by all portals in the process: warming the real store and the fixed one covers every variant.
        await comparison.WarmUpAsync([smallAll, fixedOne]);
        await MeasureLookupAsync(resolved, single[0]);
        var versusFixed = await comparison.RunAsync("tenant resolved vs fixed in code", resolvedOne, fixedOne, FixedTarget);

        // Just before its comparison, so no entry reaches Tenancy:CacheDuration (10 minutes) while measured.
        Cache = await WarmEveryHostAsync(large, many);
        log.WriteLine($"[tenancy] {Cache}");
        var versusFew = await comparison.RunAsync("10,000 vs 10 organizations", largeAll, smallAll, ScaleTarget, ScaleP99Target);
        return [versusFixed, versusFew];
    }

    /// <summary>
    /// Requests the page once on every host (each must render its own organization), and the growth
    /// of the managed heap meanwhile, between full blocking collections. Measured in this process
    /// (the portal is hosted in it) rather than as a separate process's working set: the server GC
    /// keeps freed segments mapped, so RSS says what the GC reserved, not what the cache holds. The
    /// other portals in the process are idle meanwhile; their background jobs' garbage is collected.
    /// </summary>
    private static async Task<CacheMemory> WarmEveryHostAsync(PortalHost portal, IReadOnlyList<Organization> organizations)
    {
        // HybridCache's first level is the host's IMemoryCache (no SizeLimit by default: it evicts nothing, entries expire).
        var memoryCache = portal.Services.GetRequiredService<IMemoryCache>() as MemoryCache;
        var entriesBefore = memoryCache?.Count ?? -1;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        await CheckAsync(portal, organizations.Select(o => (HostOf(o), o.Name)));
        var took = watch.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return new CacheMemory(organizations.Count, after - before, memoryCache is null ? null : memoryCache.Count - entriesBefore, took);
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

    private static IEnumerable<Organization> Spread(IReadOnlyList<Organization> organizations, int count)
    {
        var step = organizations.Count / count;
        return Enumerable.Range(0, count).Select(i => organizations[i * step + step / 2]);
    }

    private static string HostOf(Organization organization) => $"{organization.Slug}.{PortalHost.PlatformDomain}";

    /// <summary>wrk counts redirects as success, so make sure each host really renders its own page first (four at a time).</summary>
    private static async Task CheckAsync(PortalHost portal, IEnumerable<(string Host, string Name)> expected)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (expect, _) =>
        {
            var (host, name) = expect;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal.BaseAddress, Comparison.PagePath));
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains($"Sign in to {name}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{portal.Name}: GET {Comparison.PagePath} on {host} answered {(int)response.StatusCode}, not the sign-in page of {name}.");
            }
        });
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

/// <summary>The tenant cache of a portal after each of <see cref="Hosts"/> hosts was requested once.</summary>
/// <param name="Bytes">Growth of the managed heap (after full collections) while warming.</param>
/// <param name="Entries">New entries of the host's IMemoryCache (HybridCache's first level), or null when it is not a MemoryCache.</param>
public sealed record CacheMemory(int Hosts, long Bytes, int? Entries, TimeSpan Took)
{
    public const long Goal = 50L * 1024 * 1024;

    public bool Passed => Bytes < Goal;

    public override string ToString() =>
        $"tenant cache of {Hosts:N0} hosts (each requested once, in {Took.TotalSeconds:F1} s): managed heap +{Bytes / 1024.0 / 1024:F1} MB " +
        $"({Bytes / Math.Max(1, Entries ?? Hosts):N0} bytes per new entry), {(Entries is { } n ? $"{n:N0} new cache entries" : "entries unknown")}; goal < {Goal / 1024 / 1024} MB: {(Passed ? "PASS" : "FAIL")}";
}
