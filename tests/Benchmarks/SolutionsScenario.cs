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
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Solutions at scale (issue 5): the records list of a 100,000-record table against the same page of
/// a 100-record table of another organization, in one portal and one run (first page, a page deep in
/// the list, a search, a sort on a field; each ≤ 3× the cost); CSV export of the 100,000 records over
/// HTTP (peak memory growth of the process &lt; 100 MB); CSV import of 10,000 rows (rows per second).
/// Cost is the process's CPU time per request, which other processes on a shared machine do not move.
/// </summary>
public static partial class SolutionsScenario
{
    public const int LargeCount = 100_000;
    public const int SmallCount = 100;
    public const int ImportRows = 10_000;
    public const double CostTarget = 3.0;
    public const long ExportMemoryLimit = 100L * 1024 * 1024;
    private const string Password = "Bench-password-1";
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

        passed &= await ExportAsync(largeClient, large, output);
        using var importClient = await SignInAsync(portal, import);
        await ImportAsync(portal, importClient, import, output);
        return passed;
    }

    private sealed record Seeded(Organization Organization, string Email, Guid SolutionId, string DeepCursor)
    {
        public string Host => $"{Organization.Slug}.{PortalHost.PlatformDomain}";

        public string List => $"/solutions/{SolutionId}/tables/{Table}";
    }

    private readonly record struct Cost(double CpuMs, double WallMs);

    /// <summary>An owner, the organization's workspace, the solution (imported like a package) and its records.</summary>
    private static async Task<Seeded> SeedAsync(PortalHost portal, Organization organization, int count)
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
    private static async Task CheckRowsAsync(HttpClient client, string path, int rows)
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
    /// Downloads the export while a background loop samples the process's working set, private
    /// bytes and managed heap; growth is the peak minus the level just before the request.
    /// </summary>
    private static async Task<bool> ExportAsync(HttpClient client, Seeded seeded, TextWriter output)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        long workingBefore = process.WorkingSet64, privateBefore = process.PrivateMemorySize64, heapBefore = GC.GetTotalMemory(false);
        long workingPeak = workingBefore, privatePeak = privateBefore, heapPeak = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var sampled = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                sampled.Refresh();
                workingPeak = Math.Max(workingPeak, sampled.WorkingSet64);
                privatePeak = Math.Max(privatePeak, sampled.PrivateMemorySize64);
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var watch = Stopwatch.StartNew();
        long bytes = 0, lines = 0;
        using (var response = await client.GetAsync($"{seeded.List}?handler=Export", HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        if (lines != LargeCount + 1) throw new InvalidOperationException($"The export held {lines} lines, not {LargeCount + 1}.");
        var growth = workingPeak - workingBefore;
        var ok = growth < ExportMemoryLimit;
        output.WriteLine($"CSV export of {LargeCount:N0} records: {bytes / 1024.0 / 1024.0:F1} MB in {watch.Elapsed.TotalSeconds:F1} s ({LargeCount / watch.Elapsed.TotalSeconds:N0} rows/s)");
        output.WriteLine($"  peak growth: working set {Mb(growth)}, private bytes {Mb(privatePeak - privateBefore)}, managed heap {Mb(heapPeak - heapBefore)}; target working set < {Mb(ExportMemoryLimit)}: {(ok ? "PASS" : "FAIL")}");
        return ok;
    }

    /// <summary>The real two steps: upload for the preview (every row checked), then import all rows in one transaction.</summary>
    private static async Task ImportAsync(PortalHost portal, HttpClient client, Seeded seeded, TextWriter output)
    {
        var csv = new StringBuilder("Name,E-mail,Visits,Status,City\r\n");
        for (var i = 0; i < ImportRows; i++) csv.Append(CultureInfo($"Imported {i},i{i}@example.test,{i % 50},{(i % 2 == 0 ? "Booked" : "Done")},{Cities[i % Cities.Length]}\r\n"));
        var text = csv.ToString();
        var page = $"{seeded.List}/import";

        var form = await client.GetStringAsync(page);
        var token = PortalHost.AntiforgeryToken(form) ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "patients.csv" },
        };
        var watch = Stopwatch.StartNew();
        using var preview = await client.PostAsync($"{page}?handler=Preview", upload);
        var previewBody = await preview.Content.ReadAsStringAsync();
        var previewTime = watch.Elapsed;
        if (preview.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The import preview answered {(int)preview.StatusCode}.");

        var importToken = PortalHost.AntiforgeryTokens(previewBody)[^1];
        watch.Restart();
        using var imported = await client.PostAsync($"{page}?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = importToken, ["CsvText"] = text }));
        var importTime = watch.Elapsed;
        if (imported.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The import answered {(int)imported.StatusCode}.");

        await using var scope = portal.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(TenantInfo.From(seeded.Organization, PortalHost.PlatformDomain)))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<SolutionRecord>().CountAsync();
            if (stored != ImportRows) throw new InvalidOperationException($"The import stored {stored} records, not {ImportRows}.");
        }

        output.WriteLine($"CSV import of {ImportRows:N0} rows: preview {previewTime.TotalSeconds:F2} s ({ImportRows / previewTime.TotalSeconds:N0} rows/s), " +
                         $"import {importTime.TotalSeconds:F2} s ({ImportRows / importTime.TotalSeconds:N0} rows/s), both {ImportRows / (previewTime + importTime).TotalSeconds:N0} rows/s");
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

    [GeneratedRegex("/record/[0-9a-f-]{36}\"")]
    private static partial Regex RecordLink();
}
