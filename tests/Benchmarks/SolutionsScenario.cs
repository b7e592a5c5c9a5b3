using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Solutions at scale (issue 5): the records list of a 100,000-record table against the same page of
/// a 100-record table of another organization, in one portal and one run (first page, a page deep in
/// the list, a search, a sort on a field; each ≤ 3× the cost); export of the 100,000 records as CSV and
/// .xlsx through the export run a person starts (peak memory growth of the process &lt; 100 MB each); CSV import of 100,000 rows
/// through the preview, the job and its progress page (&lt; 20 s, memory growth &lt; 100 MB).
/// Cost is the process's CPU time per request, which other processes on a shared machine do not move.
/// </summary>
public static partial class SolutionsScenario
{
    public const int LargeCount = 100_000;
    public const int SmallCount = 100;
    public const int ImportRows = 100_000;

    /// <summary>Issue 13: 100,000 rows under 20 s end to end; the figure measured before it (10,000 rows, hand-written parser, SaveChanges).</summary>
    public const double ImportSecondsTarget = 20;
    public const int BeforeRowsPerSecond = 433;
    public const double CostTarget = 3.0;
    public const long ExportMemoryLimit = 100L * 1024 * 1024;
    internal const string Password = "Bench-password-1";
    private const string Table = "patients";
    private static readonly string[] Cities = ["Amsterdam", "Berlin", "Cairo", "Dublin", "Espoo", "Faro", "Geneva", "Hamburg", "Izmir", "Jena", "Kyoto", "Lima", "Milan", "Nantes", "Oslo", "Porto", "Quito", "Riga", "Sofia", "Turin"];

    internal static string Package => """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Clinic",
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [
                { "key": "name", "name": "Name", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email" },
                { "key": "visits", "name": "Visits", "type": "number" },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Booked", "Done"] },
                { "key": "city", "name": "City", "type": "text" } ] }
          ],
          "rules": []
        }
        """;

    /// <summary>Ten records of every table carry the surname "Zephyr", so the search finds the same ten in both.</summary>
    internal static JsonObject Row(int i, int count) => new()
    {
        ["name"] = i % (count / 10) == 7 ? $"Ada Zephyr {i}" : $"Patient {i}",
        ["email"] = $"p{i}@example.test",
        ["visits"] = (decimal)(i % 97),
        ["status"] = i % 2 == 0 ? "Booked" : "Done",
        ["city"] = Cities[i % Cities.Length],
    };

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        Organization[] organizations =
        [
            new() { Name = "Large Clinic", Slug = "large", CreatedAt = DateTime.UtcNow },
            new() { Name = "Small Clinic", Slug = "small", CreatedAt = DateTime.UtcNow },
            new() { Name = "Import Clinic", Slug = "import", CreatedAt = DateTime.UtcNow },
        ];
        await using var portal = await PortalHost.StartAsync("solutions", organizations);
        var large = await SeedAsync(portal, organizations[0], LargeCount);
        var small = await SeedAsync(portal, organizations[1], SmallCount);
        var import = await SeedAsync(portal, organizations[2], 0);
        output.WriteLine($"[solutions] {LargeCount:N0} + {SmallCount:N0} records seeded in {watch.Elapsed.TotalSeconds:F1} s");

        using var largeClient = await SignInAsync(portal, large);
        using var smallClient = await SignInAsync(portal, small);

        var operations = new (string Name, Func<Seeded, string> Path, int Rows)[]
        {
            ("first page", s => s.List, 50),
            ("deep page (keyset)", s => $"{s.List}?after={Uri.EscapeDataString(s.DeepCursor)}", 50),
            ("search", s => $"{s.List}?q=zephyr", 10),
            ("sort on a field", s => $"{s.List}?sort=visits", 50),
        };

        var rounds = smoke ? 3 : 6;
        var perRound = smoke ? 10 : 30;
        var passed = true;
        var lines = new List<string>();
        foreach (var (name, path, rows) in operations)
        {
            var largePath = path(large);
            var smallPath = path(small);
            await CheckRowsAsync(largeClient, largePath, rows);
            await CheckRowsAsync(smallClient, smallPath, rows);
            await LoadAsync(largeClient, largePath, perRound);
            await LoadAsync(smallClient, smallPath, perRound);
            var (largeCost, smallCost) = await PageLoad.AlternateAsync(rounds, () => LoadAsync(largeClient, largePath, perRound), () => LoadAsync(smallClient, smallPath, perRound));

            var cpuLarge = Statistics.Median(largeCost.Select(c => c.CpuMs));
            var cpuSmall = Statistics.Median(smallCost.Select(c => c.CpuMs));
            var wallLarge = Statistics.Median(largeCost.Select(c => c.WallMs));
            var wallSmall = Statistics.Median(smallCost.Select(c => c.WallMs));
            var ratio = cpuLarge / cpuSmall;
            var ok = ratio <= CostTarget;
            passed &= ok;
            lines.Add($"  {name,-20} {cpuLarge,7:F2} ms CPU ({wallLarge,6:F2} ms wall) vs {cpuSmall,6:F2} ms CPU ({wallSmall,6:F2} ms wall): ratio {ratio,5:F2} (wall {wallLarge / wallSmall:F2}), target <= {CostTarget:F0}: {(ok ? "PASS" : "FAIL")}");
        }

        output.WriteLine($"Solutions list, {LargeCount:N0} records vs {SmallCount:N0} (per request, medians of {rounds} rounds of {perRound}):");
        foreach (var line in lines) output.WriteLine(line);

        passed &= await ExportAsync(portal, largeClient, large, output);
        using var importClient = await SignInAsync(portal, import);
        passed &= await ImportAsync(portal, importClient, import, output);
        return passed;
    }

    /// <summary>The CSV and .xlsx exports of 100,000 records alone, in a portal of its own (without the list comparisons).</summary>
    public static async Task<bool> RunExportAsync(TextWriter output)
    {
        Organization[] organizations = [new() { Name = "Large Clinic", Slug = "large", CreatedAt = DateTime.UtcNow }];
        await using var portal = await PortalHost.StartAsync("exports", organizations);
        var watch = Stopwatch.StartNew();
        var large = await SeedAsync(portal, organizations[0], LargeCount);
        output.WriteLine($"[exports] {LargeCount:N0} records seeded in {watch.Elapsed.TotalSeconds:F1} s");
        using var client = await SignInAsync(portal, large);
        return await ExportAsync(portal, client, large, output);
    }

    /// <summary>The import alone, in a portal of its own (quicker to repeat while tuning it).</summary>
    public static async Task<bool> RunImportAsync(TextWriter output)
    {
        Organization[] organizations = [new() { Name = "Import Clinic", Slug = "import", CreatedAt = DateTime.UtcNow }];
        await using var portal = await PortalHost.StartAsync("imports", organizations);
        var import = await SeedAsync(portal, organizations[0], 0);
        using var client = await SignInAsync(portal, import);
        return await ImportAsync(portal, client, import, output);
    }

    internal sealed record Seeded(Organization Organization, string Email, Guid SolutionId, string DeepCursor)
    {
        public string Host => $"{Organization.Slug}.{PortalHost.PlatformDomain}";

        public string List => $"/solutions/{SolutionId}/tables/{Table}";
    }

    private readonly record struct Cost(double CpuMs, double WallMs);

    /// <summary>An owner, the organization's workspace, the solution (imported like a package) and its records.</summary>
    internal static async Task<Seeded> SeedAsync(PortalHost portal, Organization organization, int count)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var email = $"owner@{organization.Slug}.test";
        var user = new PortalUser { Email = email, UserName = email, EmailConfirmed = true, DisplayName = "Owner" };
        var created = await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));

        var db = services.GetRequiredService<PortalDbContext>();
        using (services.GetRequiredService<ITenantContext>().Change(TenantInfo.From(organization, PortalHost.PlatformDomain)))
        {
            var workspace = new Workspace { Name = "General", CreatedAt = DateTime.UtcNow };
            db.Workspaces.Add(workspace);
            db.Memberships.Add(new Membership { UserId = user.Id, Role = OrganizationRole.Owner, CreatedAt = DateTime.UtcNow });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = user.Id, Role = WorkspaceRole.Admin, CreatedAt = DateTime.UtcNow });
            // Pro has no record limit: the free plan's 50 records would refuse the import (R7).
            db.AccountSubscriptions.Add(new PartnerPortal.Billing.AccountSubscription { PlanId = PartnerPortal.Billing.Plan.Seeded.ProId, ChangedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();

            var read = PackageReader.Read(Package);
            if (!read.IsValid) throw new InvalidOperationException(string.Join("; ", read.Errors));
            var solution = await services.GetRequiredService<SolutionLibrary>().ImportAsync(workspace.Id, read.Package!, CancellationToken.None);
            var definition = read.Package!.Definition;
            if (count > 0)
            {
                await BulkRecords.AddAsync(db, services.GetRequiredService<RecordStore>(), solution, definition, definition.Table(Table)!, count, i => Row(i, count));
            }

            // The cursor a reader holds after paging most of the way down the default (newest first) order.
            var deep = await db.Set<RecordValue>().Where(v => v.SolutionId == solution.Id && v.FieldKey == RecordStore.CreatedField)
                .OrderByDescending(v => v.SortKey).Skip(Math.Max(0, count - 60)).Select(v => v.SortKey).FirstOrDefaultAsync() ?? string.Empty;
            return new Seeded(organization, email, solution.Id, deep);
        }
    }

    private static Task<HttpClient> SignInAsync(PortalHost portal, Seeded seeded) => portal.SignedInAsync(seeded.Host, seeded.Email, Password);

    /// <summary>Before timing, each page must really list what it should (a 404 or an empty page would be fast).</summary>
    internal static async Task CheckRowsAsync(HttpClient client, string path, int rows)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var found = RecordLink().Count(body);
        if (response.StatusCode != HttpStatusCode.OK || found != rows)
        {
            throw new InvalidOperationException($"GET {path} on {client.BaseAddress!.Host} answered {(int)response.StatusCode} with {found} records, not {rows}.");
        }
    }

    private static async Task<Cost> LoadAsync(HttpClient client, string path, int requests)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }

        watch.Stop();
        process.Refresh();
        return new Cost((process.TotalProcessorTime - cpu).TotalMilliseconds / requests, watch.Elapsed.TotalMilliseconds / requests);
    }

    /// <summary>
    /// The export as a person runs it (issue 13: 100,000 rows, memory growth under 100 MB): the link on
    /// the records list, which for more than <c>RecordExport.StreamedRows</c> rows queues a run and
    /// moves to its page; that page, re-read until the <c>solutions-exports</c> job has written the
    /// file and offers its Download link; the download, saved to a temporary file. Meanwhile a
    /// background loop samples the process's working set, private bytes and managed heap (growth is
    /// the peak minus the level just before the click). The file's rows are then read back with the
    /// portal's own reader and counted, outside the measurement.
    /// </summary>
    private static async Task<bool> ExportAsync(PortalHost portal, HttpClient client, Seeded seeded, TextWriter output)
    {
        var list = await client.GetStringAsync(seeded.List);
        var links = ExportLink().Matches(list).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var ok = true;
        foreach (var format in new[] { TableFileFormat.Csv, TableFileFormat.Xlsx })
        {
            // The list links "Export CSV" without a format and "Export Excel (.xlsx)" with one.
            var link = links.FirstOrDefault(l => format == TableFileFormat.Xlsx ? l.Contains("format=xlsx", StringComparison.Ordinal) : !l.Contains("format=", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException($"The records list at {seeded.List} has no {format} export link.");
            var file = Path.Combine(Path.GetTempPath(), $"portal-bench-export-{Guid.NewGuid():N}.{format.Extension()}");
            try
            {
                var measured = await MeasureExportAsync(client, link, file);
                var run = await ExportRunAsync(portal, seeded, measured.Page);
                var rows = TableFileReader.Rows(await File.ReadAllBytesAsync(file), LargeCount + 1).ToList();
                if (rows.Count != LargeCount + 1 || rows[0].Length != 5 || run.RowsDone != LargeCount)
                {
                    throw new InvalidOperationException($"The {format} export held {rows.Count} rows of {rows[0].Length} cells (run: {run.RowsDone} rows), not {LargeCount + 1} of 5.");
                }

                var seconds = measured.Total.TotalSeconds;
                var fine = measured.Growth.WorkingSet < ExportMemoryLimit;
                ok &= fine;
                output.WriteLine($"{format.ToString().ToUpperInvariant()} export of {LargeCount:N0} records ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB) through its run: {seconds:F1} s from the click to the saved download " +
                                 $"({LargeCount / seconds:N0} rows/s), of which the job wrote the file in {(run.FinishedAt - run.StartedAt)!.Value.TotalSeconds:F1} s " +
                                 $"(queued {(run.StartedAt - run.CreatedAt)!.Value.TotalSeconds:F1} s) and the download took {measured.Download.TotalSeconds:F2} s; {measured.Cpu.TotalSeconds:F1} s of CPU");
                output.WriteLine($"  peak growth: {measured.Growth}; target working set < {Mb(ExportMemoryLimit)}: {(fine ? "PASS" : "FAIL")}");
            }
            finally
            {
                File.Delete(file);
            }
        }

        return ok;
    }

    private sealed record ExportMeasure(string Page, TimeSpan Total, TimeSpan Download, TimeSpan Cpu, Growth Growth);

    /// <summary>Clicks the export link, follows the run's page until it offers the download, and saves the file: timed, with CPU and peak memory growth.</summary>
    private static async Task<ExportMeasure> MeasureExportAsync(HttpClient client, string link, string file)
    {
        await using var memory = MemoryPeak.Start();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        string page;
        using (var asked = await client.GetAsync(link))
        {
            // A 200 here would be the streamed export, the path of 5,000 rows or fewer: not what this measures.
            page = asked.StatusCode == HttpStatusCode.Redirect ? asked.Headers.Location!.OriginalString : string.Empty;
            if (!ExportPage().IsMatch(page)) throw new InvalidOperationException($"The export link {link} answered {(int)asked.StatusCode} {page}, not a redirect to its run's page.");
        }

        Match offered;
        while (!(offered = DownloadLink().Match(await client.GetStringAsync(page))).Success)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new InvalidOperationException($"The export at {page} was not done after 5 minutes.");
            await Task.Delay(200);
        }

        var download = WebUtility.HtmlDecode(offered.Groups[1].Value);
        var downloading = Stopwatch.StartNew();
        using (var response = await client.GetAsync(download, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var saved = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await body.CopyToAsync(saved);
        }

        watch.Stop();
        var used = Environment.CpuUsage.TotalTime - cpu;
        return new ExportMeasure(page, watch.Elapsed, downloading.Elapsed, used, await memory.StopAsync());
    }

    /// <summary>The run the export link queued, as the job left it (its start, end and rows written).</summary>
    private static async Task<RecordExportRun> ExportRunAsync(PortalHost portal, Seeded seeded, string page)
    {
        var id = Guid.Parse(page[(page.LastIndexOf('/') + 1)..]);
        await using var scope = portal.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(TenantInfo.From(seeded.Organization, PortalHost.PlatformDomain)))
        {
            var run = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RecordExportRun>().AsNoTracking().SingleAsync(r => r.Id == id);
            if (run.Status != ExportStatus.Done || run.StartedAt is null || run.FinishedAt is null) throw new InvalidOperationException($"The export run {id} is {run.Status}, not done.");
            return run;
        }
    }

    /// <summary>
    /// The real steps: upload for the preview (every row checked), confirm, then follow the progress
    /// page until the job has imported every row in one transaction. End to end, with the process's
    /// peak memory growth; issue 13 asks for at least 5,000 rows/s and under 100 MB.
    /// </summary>
    private static async Task<bool> ImportAsync(PortalHost portal, HttpClient client, Seeded seeded, TextWriter output)
    {
        var csv = new StringBuilder("Name,E-mail,Visits,Status,City\r\n");
        for (var i = 0; i < ImportRows; i++) csv.Append(CultureInfo($"Imported {i},i{i}@example.test,{i % 50},{(i % 2 == 0 ? "Booked" : "Done")},{Cities[i % Cities.Length]}\r\n"));
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        csv.Clear();
        var page = $"{seeded.List}/import";

        var form = await client.GetStringAsync(page);
        var token = PortalHost.AntiforgeryToken(form) ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", "patients.csv" },
        };
        await using var memory = MemoryPeak.Start();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var preview = await client.PostAsync($"{page}?handler=Preview", upload);
        var previewBody = await preview.Content.ReadAsStringAsync();
        var previewTime = watch.Elapsed;
        if (preview.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The import preview answered {(int)preview.StatusCode}.");

        var importToken = PortalHost.AntiforgeryTokens(previewBody)[^1];
        var run = RunField().Match(previewBody).Groups[1].Value;
        watch.Restart();
        using var imported = await client.PostAsync($"{page}?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = importToken, ["run"] = run }));
        if (imported.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The import answered {(int)imported.StatusCode}.");
        var progress = imported.Headers.Location!.OriginalString;
        var polls = 0;
        string status;
        do
        {
            await Task.Delay(250);
            polls++;
            status = await client.GetStringAsync(progress);
        }
        while (status.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal));
        var importTime = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var growth = await memory.StopAsync();
        if (!status.Contains($"Done: {ImportRows:N0} rows imported.", StringComparison.Ordinal)) throw new InvalidOperationException($"The import did not finish: {Regex.Match(status, "role=\"status\">([^<]*)").Groups[1].Value}");

        await using var scope = portal.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(TenantInfo.From(seeded.Organization, PortalHost.PlatformDomain)))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<SolutionRecord>().CountAsync();
            if (stored != ImportRows) throw new InvalidOperationException($"The import stored {stored} records, not {ImportRows}.");
        }

        var total = previewTime + importTime;
        var rate = ImportRows / total.TotalSeconds;
        var ok = total.TotalSeconds < ImportSecondsTarget && growth.WorkingSet < ExportMemoryLimit;
        output.WriteLine($"CSV import of {ImportRows:N0} rows ({bytes.Length / 1024.0 / 1024.0:F1} MB): preview {previewTime.TotalSeconds:F2} s ({ImportRows / previewTime.TotalSeconds:N0} rows/s), " +
                         $"import with progress {importTime.TotalSeconds:F2} s ({polls} progress polls), end to end {total.TotalSeconds:F1} s = {rate:N0} rows/s, {cpu.TotalSeconds:F1} s of CPU " +
                         $"(before issue 13: {BeforeRowsPerSecond} rows/s on 10,000 rows); target < {ImportSecondsTarget} s: {(ok ? "PASS" : "FAIL")}");
        output.WriteLine($"  peak growth: {growth}; target working set < {Mb(ExportMemoryLimit)}");
        return ok;
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

    [GeneratedRegex("/record/[0-9a-f-]{36}\"")]
    private static partial Regex RecordLink();

    [GeneratedRegex("name=\"run\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex RunField();

    [GeneratedRegex("href=\"([^\"]*[?&]handler=Export[^\"]*)\"")]
    private static partial Regex ExportLink();

    [GeneratedRegex("^/solutions/[0-9a-f-]{36}/tables/[a-z0-9_-]+/exports/[0-9a-f-]{36}$")]
    private static partial Regex ExportPage();

    [GeneratedRegex("href=\"([^\"]*[?&]handler=Download)\"")]
    private static partial Regex DownloadLink();

    /// <summary>Samples the process's working set, private bytes and managed heap until stopped; growth is the peak minus the level at the start.</summary>
    private sealed class MemoryPeak : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private long _workingBefore, _privateBefore, _heapBefore, _workingPeak, _privatePeak, _heapPeak;
        private Task _sampler = Task.CompletedTask;

        public static MemoryPeak Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var peak = new MemoryPeak();
            using var process = Process.GetCurrentProcess();
            peak._workingBefore = peak._workingPeak = process.WorkingSet64;
            peak._privateBefore = peak._privatePeak = process.PrivateMemorySize64;
            peak._heapBefore = peak._heapPeak = GC.GetTotalMemory(false);
            peak._sampler = Task.Run(peak.SampleAsync);
            return peak;
        }

        public async Task<Growth> StopAsync()
        {
            await _stop.CancelAsync();
            await _sampler;
            return new Growth(_workingPeak - _workingBefore, _privatePeak - _privateBefore, _heapPeak - _heapBefore);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task SampleAsync()
        {
            using var sampled = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                sampled.Refresh();
                _workingPeak = Math.Max(_workingPeak, sampled.WorkingSet64);
                _privatePeak = Math.Max(_privatePeak, sampled.PrivateMemorySize64);
                _heapPeak = Math.Max(_heapPeak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private readonly record struct Growth(long WorkingSet, long PrivateBytes, long ManagedHeap)
    {
        public override string ToString() => $"working set {Mb(WorkingSet)}, private bytes {Mb(PrivateBytes)}, managed heap {Mb(ManagedHeap)}";
    }
}
