namespace PartnerPortal.Benchmarks;

/// <summary>
/// How long and how often each variant is measured. The shared warm-up runs until the JIT has
/// settled (half a minute or more on two busy cores), between the two bounds.
/// A smoke run (<c>--quick</c>) is too short for the JIT to settle, so its ratios are shown but not held to the targets.
/// </summary>
public sealed record RunSettings(TimeSpan Round, int Rounds, int Connections, TimeSpan MinWarmup, TimeSpan MaxWarmup, bool Smoke)
{
    public static readonly IReadOnlyList<string> Every = ["tenancy", "scale", "solutions", "resellers", "invoices", "seats", "program", "directory"];

    /// <summary>Which scenarios run (names given on the command line; none: every one).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = Every;

    public static readonly RunSettings Full = new(TimeSpan.FromSeconds(2), 6, 16, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(70), Smoke: false);
    public static readonly RunSettings Quick = new(TimeSpan.FromSeconds(1), 3, 16, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), Smoke: true);
}

/// <summary>One side of a comparison: a running portal and the hosts requested from it.</summary>
public sealed record Variant(string Name, PortalHost Portal, IReadOnlyList<string> Hosts)
{
    /// <summary>The page requested; by default the sign-in page, which a warm tenant cache serves without the database.</summary>
    public string Path { get; init; } = Comparison.PagePath;

    /// <summary>A signed-in session's Cookie header sent with every request, or null.</summary>
    public string? Cookie { get; init; }

    /// <summary>
    /// The addresses of the instances loaded at once, by one wrk each with an equal share of the
    /// connections (wrk connects to one address); by default <see cref="Portal"/> alone.
    /// </summary>
    public IReadOnlyList<Uri> Instances { get; init; } = [Portal.BaseAddress];

    /// <summary>
    /// Instances that run as processes of their own (ids): their CPU is the portals' too, and the
    /// warm-up waits until they are idle between passes.
    /// </summary>
    public IReadOnlyList<int> Processes { get; init; } = [];
}

/// <summary>
/// One round of load. <see cref="PerCpuSecond"/> is requests per second of the portals' CPU (with
/// the database and cache servers' when run.sh started them): the throughput one fully available
/// core would give, whatever else the machine was doing.
/// </summary>
/// <param name="P99">wrk's 99th percentile latency; with several instances the slowest instance's.</param>
public sealed record Round(double RequestsPerSecond, long Requests, TimeSpan ServerCpu, double ForeignShare, long Errors, long DatabaseCommands, long JittedMethods, TimeSpan P99)
{
    public double PerCpuSecond => ServerCpu > TimeSpan.Zero ? Requests / ServerCpu.TotalSeconds : double.NaN;
}

public sealed record VariantResult(Variant Variant, IReadOnlyList<Round> Rounds)
{
    public double MedianRequestsPerSecond => Statistics.Median(Rounds.Select(r => r.RequestsPerSecond));

    public double MedianPerCpuSecond => Statistics.Median(Rounds.Select(r => r.PerCpuSecond));

    public double MedianForeignShare => Statistics.Median(Rounds.Select(r => r.ForeignShare));

    public double MedianP99Milliseconds => Statistics.Median(Rounds.Select(r => r.P99.TotalMilliseconds));

    public long Errors => Rounds.Sum(r => r.Errors);

    public double DatabaseCommandsPerRequest => (double)Rounds.Sum(r => r.DatabaseCommands) / Math.Max(1, Rounds.Sum(r => r.Requests));
}

/// <summary>
/// The verdict uses requests per CPU-second (see <see cref="Round"/>); the wall-clock ratio is
/// printed beside it and equals it on an otherwise idle machine. A null target is reported, not held.
/// </summary>
/// <param name="P99Target">The most the measured p99 may be, as a multiple of the baseline's; null: reported only.</param>
public sealed record ComparisonResult(string Scenario, VariantResult Measured, VariantResult Baseline, double? Target, double? P99Target = null)
{
    public double Ratio => Measured.MedianPerCpuSecond / Baseline.MedianPerCpuSecond;

    public double WallClockRatio => Measured.MedianRequestsPerSecond / Baseline.MedianRequestsPerSecond;

    public double P99Ratio => Measured.MedianP99Milliseconds / Baseline.MedianP99Milliseconds;

    public bool Passed => (Target is null || Ratio >= Target) && (P99Target is null || P99Ratio <= P99Target) && Measured.Errors == 0 && Baseline.Errors == 0;
}

/// <summary>
/// Measures two variants fairly on a small machine: both warmed up, then short rounds in
/// A B B A order (so a slow drift of the machine hits both alike), compared by their medians.
/// </summary>
public sealed class Comparison(Wrk wrk, RunSettings settings, TextWriter log)
{
    public const string PagePath = "/account/signin";
    private const int SettledMethods = 100;

    /// <summary>
    /// Loads the variants in turn until the JIT has settled; a round measured while tiered
    /// compilation still replaces hot code is billed for it. Starting the portals compiled Razor
    /// layouts with Roslyn and built EF models, which queues thousands of methods for
    /// recompilation ahead of the request path; under load the JIT's one background thread works
    /// that off slowly (a minute and more on two busy cores), so each pass of load is followed
    /// by an idle pause that lets it catch up. Settled: under <see cref="SettledMethods"/> methods
    /// compiled in one pass and its pause.
    /// </summary>
    public async Task WarmUpAsync(IReadOnlyList<Variant> variants)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var processes = variants.SelectMany(v => v.Processes).Distinct().ToList();
        var backlog = await DrainJitAsync(processes);
        log.WriteLine($"[warm-up] {watch.Elapsed.TotalSeconds:F0} s: {backlog} methods recompiled after startup, idle");

        var rates = new double[variants.Count];
        var settled = false;
        while (watch.Elapsed < settings.MaxWarmup && !(settled && watch.Elapsed >= settings.MinWarmup))
        {
            var methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < variants.Count; i++)
            {
                rates[i] = (await MeasureAsync(variants[i])).PerCpuSecond;
            }

            await DrainJitAsync(processes);
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore;
            settled = methods < SettledMethods;
            log.WriteLine($"[warm-up] {watch.Elapsed.TotalSeconds:F0} s: {methods} methods compiled; {Rates(variants, rates)}");
        }

        log.WriteLine($"[warm-up] {(settled ? "JIT settled" : "time limit reached, JIT still busy")} after {watch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// Waits without load until the JIT has compiled nothing for a second, and the instances in
    /// processes of their own (whose JIT this process cannot count) have used next to no CPU for a
    /// second; returns how many methods this process compiled meanwhile.
    /// </summary>
    private static async Task<long> DrainJitAsync(IReadOnlyList<int> processes)
    {
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        var last = start;
        var lastCpu = CpuSnapshot.Take(processes).Instances;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var quiet = 0; quiet < 4 && watch.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(250);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            var cpu = CpuSnapshot.Take(processes).Instances;
            quiet = now - last < 3 && cpu - lastCpu <= IdleCpu ? quiet + 1 : 0;
            (last, lastCpu) = (now, cpu);
        }

        return last - start;
    }

    /// <summary>What idle instances may use in a quarter second (timers, a lease renewal); a JIT at work uses the whole of it.</summary>
    private static readonly TimeSpan IdleCpu = TimeSpan.FromMilliseconds(30);

    private static string Rates(IReadOnlyList<Variant> variants, double[] rates) =>
        string.Join(", ", variants.Select((v, i) => $"{v.Name} {rates[i]:F0} req/CPU-s"));

    public async Task<ComparisonResult> RunAsync(string scenario, Variant measured, Variant baseline, double? target, double? p99Target = null)
    {
        // One unmeasured round each: connections open and, for the hosts of this comparison, the cache filled.
        await MeasureAsync(measured);
        await MeasureAsync(baseline);

        var a = new List<Round>();
        var b = new List<Round>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            if (round % 2 == 0)
            {
                a.Add(await MeasureAsync(measured));
                b.Add(await MeasureAsync(baseline));
            }
            else
            {
                b.Add(await MeasureAsync(baseline));
                a.Add(await MeasureAsync(measured));
            }

            log.WriteLine($"[{scenario}] round {round + 1}/{settings.Rounds}: " +
                          $"{measured.Name} {Describe(a[^1])}; {baseline.Name} {Describe(b[^1])}");
        }

        return new ComparisonResult(scenario, new VariantResult(measured, a), new VariantResult(baseline, b), target, p99Target);
    }

    private static string Describe(Round round) =>
        $"{round.RequestsPerSecond:F0} req/s, {round.PerCpuSecond:F0} req/CPU-s, p99 {round.P99.TotalMilliseconds:F1} ms, others {round.ForeignShare:P0}, JIT {round.JittedMethods}";

    private async Task<Round> MeasureAsync(Variant variant)
    {
        // Start each round from a collected heap so one round's garbage is not billed to the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var commandsBefore = DatabaseCommands.Count;
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var before = CpuSnapshot.Take(variant.Processes);
        // Several instances: one wrk each at the same time, the connections shared out, so the total load matches one instance's.
        var connections = Math.Max(1, wrk.Connections / variant.Instances.Count);
        var results = await Task.WhenAll(variant.Instances.Select(instance =>
            wrk.RunAsync(instance, variant.Path, variant.Hosts, settings.Round, variant.Cookie, connections)));
        var after = CpuSnapshot.Take(variant.Processes);
        return new Round(
            results.Sum(r => r.RequestsPerSecond),
            results.Sum(r => r.Requests),
            after.Portals - before.Portals,
            CpuSnapshot.ForeignShare(before, after),
            results.Sum(r => r.Errors),
            DatabaseCommands.Count - commandsBefore,
            System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore,
            results.Max(r => r.P99));
    }
}

public static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
