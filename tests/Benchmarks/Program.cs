using System.Globalization;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Runs the benchmark scenarios and prints a table. Usage: <c>[tenancy|scale|solutions|exports|imports|resellers|invoices|seats|program|directory] [--quick] [--rounds N] [--seconds S] [--connections C]</c>
/// (no scenario name: every scenario).
/// Exit code 0: every target met; 1: a target missed; 2: the benchmark could not run.
/// </summary>
public static class Benchmark
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        // WebApplicationFactory finds the portal's content root through MvcTestingAppManifest.json in the working folder.
        Environment.CurrentDirectory = AppContext.BaseDirectory;

        RunSettings settings;
        try
        {
            settings = Arguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("Usage: run.sh [tenancy|scale|solutions|exports|imports|resellers|invoices|seats|program|directory] [--quick] [--rounds N] [--seconds S] [--connections C]");
            return 2;
        }

        if ((settings.Scenarios.Contains("tenancy") || settings.Scenarios.Contains("scale")) && !Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not installed (apt-get install wrk); run.sh installs it.");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("portal-bench-wrk-");
        try
        {
            var passed = true;
            if (settings.Scenarios.Contains("solutions"))
            {
                // Solutions (issue 5): 100,000 records against 100, CSV export memory, CSV import speed.
                passed &= await SolutionsScenario.RunAsync(settings.Smoke, Console.Out);
            }

            if (settings.Scenarios.Contains("exports"))
            {
                // Only the 100,000-record CSV and .xlsx exports of the Solutions scenario (issue 13), without its list comparisons.
                passed &= await SolutionsScenario.RunExportAsync(Console.Out);
            }

            if (settings.Scenarios.Contains("imports"))
            {
                // Only the 100,000-row import of the Solutions scenario (issue 13), without the 100,000 records it seeds first.
                passed &= await SolutionsScenario.RunImportAsync(Console.Out);
            }

            if (settings.Scenarios.Contains("resellers"))
            {
                // Resellers (issue 6): the dashboard with 10,000 clients against 10, and streamed exports of 100,000.
                passed &= await ResellerDashboardScenario.RunAsync(settings.Smoke, Console.Out);
            }

            if (settings.Scenarios.Contains("invoices"))
            {
                // Consultant invoices (issue 11): one month's invoices for 10,000 SLAs, then the same month again.
                passed &= await InvoicingScenario.RunAsync(settings.Smoke, Console.Out);
            }

            if (settings.Scenarios.Contains("seats"))
            {
                // Consultant seats (issue 11): a consultant's pages cost no more database commands than a member's.
                passed &= await SeatsScenario.RunAsync(settings.Smoke, Console.Out);
            }

            if (settings.Scenarios.Contains("program"))
            {
                // Partner program (issue 12): recalculating 2,000 partners over 100,000 accounts, and the program page with 100,000 entries against 100.
                passed &= await ProgramScenario.RunAsync(settings.Smoke, Console.Out);
            }

            if (settings.Scenarios.Contains("directory"))
            {
                // Partner directory (issue 12): 5,000 listed partners against 50.
                passed &= await DirectoryScenario.RunAsync(settings.Smoke, Console.Out);
            }

            DatabaseCommands.StartCounting();
            if (settings.Scenarios.Contains("scale"))
            {
                // Scale-out (issue 15): PostgreSQL vs SQLite and two instances vs one, reported as ratios.
                if (ScaleScenario.Postgres is not { } postgres || ScaleScenario.Redis is not { } redis)
                {
                    Console.Error.WriteLine($"The scale scenario needs a PostgreSQL server and a Redis ({ScaleScenario.PostgresVariable}, {ScaleScenario.RedisVariable}); run.sh starts both.");
                    return 2;
                }

                Console.WriteLine($"Scale benchmark: {settings.Rounds} rounds of {settings.Round.TotalSeconds:F0} s per variant, {settings.Connections} connections in all, {Environment.ProcessorCount} cores.");
                var scale = await new ScaleScenario(new Wrk(settings.Connections, work.FullName), settings, Console.Out).RunAsync(postgres, redis);
                Report.Print(Console.Out, scale, settings.Smoke, "scale");
                Console.WriteLine("req/CPU-s counts the throw-away PostgreSQL's and Redis's CPU with the portals': SQLite works inside the portal.");
                passed &= scale.All(r => r.Passed);
            }

            if (!settings.Scenarios.Contains("tenancy")) return settings.Smoke || passed ? 0 : 1;

            Console.WriteLine($"Tenancy benchmark: {settings.Rounds} rounds of {settings.Round.TotalSeconds:F0} s per variant, {settings.Connections} connections, " +
                              $"{Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}.");
            var scenario = new TenancyScenario(new Wrk(settings.Connections, work.FullName), settings, Console.Out);
            var results = await scenario.RunAsync();
            Report.Print(Console.Out, results, settings.Smoke);
            Console.WriteLine($"Memory: {scenario.Cache}");
            passed &= scenario.Cache?.Passed == true;

            // White-label (issue 4): a themed, branded page against the default theme, and e-mail rendering.
            var whiteLabel = await ThemedPageScenario.RunAsync(settings.Smoke ? 3 : 8, Console.Out);
            whiteLabel &= EmailRenderingScenario.Run(Console.Out);

            if (results.Any(r => r.Measured.Errors + r.Baseline.Errors > 0)) return 1;
            return settings.Smoke || (results.All(r => r.Passed) && whiteLabel && passed) ? 0 : 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"The benchmark could not run: {ex}");
            return 2;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

internal static class Arguments
{
    public static RunSettings Parse(string[] args)
    {
        var settings = RunSettings.Full;
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--quick" => RunSettings.Quick with { Connections = settings.Connections, Scenarios = settings.Scenarios },
                "--rounds" => settings with { Rounds = Positive(args, ++i) },
                "--seconds" => settings with { Round = TimeSpan.FromSeconds(Positive(args, ++i)) },
                "--connections" => settings with { Connections = Positive(args, ++i) },
                "tenancy" or "scale" or "solutions" or "exports" or "imports" or "resellers" or "invoices" or "seats" or "program" or "directory" => settings with { Scenarios = settings.Scenarios == RunSettings.Every ? [args[i]] : [.. settings.Scenarios, args[i]] },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return settings;
    }

    private static int Positive(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a positive whole number.");
}

internal static class Report
{
    /// <param name="topic">What the table measures, for its last line ("tenancy", "scale").</param>
    public static void Print(TextWriter output, IReadOnlyList<ComparisonResult> results, bool smoke, string topic = "tenancy")
    {
        string[] header = ["Scenario", "Variant", "req/s (wall)", "req/CPU-s", "others' CPU", "DB cmds/req", "p99 ms", "Ratio", "Wall ratio", "p99 ratio", "Target", "Result"];
        var rows = new List<string[]>();
        foreach (var result in results)
        {
            rows.Add(Row(result.Scenario, result.Measured, $"{result.Ratio:F3}", $"{result.WallClockRatio:F3}", $"{result.P99Ratio:F2}", Target(result), Verdict(result)));
            rows.Add(Row(string.Empty, result.Baseline, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
        output.WriteLine();
        output.WriteLine("Medians over the rounds. Ratio (the verdict) compares requests per CPU-second of the portals, which other");
        output.WriteLine("processes on a shared machine do not move; the wall-clock ratio matches it when \"others' CPU\" is near 0 %.");

        foreach (var result in results.Where(r => r.Measured.Errors + r.Baseline.Errors > 0))
        {
            output.WriteLine($"{result.Scenario}: {result.Measured.Errors + result.Baseline.Errors} failed requests (non-2xx or socket errors); counted as FAIL.");
        }

        if (results.All(r => r.Target is null && r.P99Target is null))
        {
            output.WriteLine($"The {topic} ratios are reported: the issue sets them no target.");
        }
        else
        {
            output.WriteLine(results.All(r => r.Passed) ? $"All {topic} targets met." : $"A {topic} target was missed.");
        }
        if (smoke) output.WriteLine("Smoke run (--quick): too short for the JIT to settle, so the targets do not set the exit code; run without --quick for a verdict.");
    }

    private static string Target(ComparisonResult result) =>
        string.Join(", ", new[]
        {
            result.Target is { } ratio ? $">= {ratio:F2}" : null,
            result.P99Target is { } p99 ? $"p99 <= {p99:F1}x" : null,
        }.Where(t => t is not null)) is { Length: > 0 } target ? target : "none (reported)";

    private static string Verdict(ComparisonResult result) =>
        result.Target is null && result.P99Target is null
            ? result.Measured.Errors + result.Baseline.Errors == 0 ? "-" : "FAIL"
            : result.Passed ? "PASS" : "FAIL";

    private static string[] Row(string scenario, VariantResult variant, string ratio, string wallRatio, string p99Ratio, string target, string verdict) =>
    [
        scenario,
        variant.Variant.Name,
        $"{variant.MedianRequestsPerSecond:F0}",
        $"{variant.MedianPerCpuSecond:F0}",
        $"{variant.MedianForeignShare:P0}",
        // Commands are counted in this process only: an instance process's are not seen.
        variant.Variant.Processes.Count == 0 ? $"{variant.DatabaseCommandsPerRequest:F4}" : "n/a",
        $"{variant.MedianP99Milliseconds:F1}",
        ratio,
        wallRatio,
        p99Ratio,
        target,
        verdict,
    ];

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i is >= 2 and <= 9 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
