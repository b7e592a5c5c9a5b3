using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// Exports of a table's records (issue 13): small ones stream straight to the download; larger ones
/// are stored runs the <c>solutions-exports</c> job writes, with a progress page any device of the
/// requester reads, Cancel (no file kept), a download identical to what the streamed export writes,
/// and files deleted a day later. Runs are the requester's and the admins' only.
/// </summary>
public sealed class ExportsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private static readonly int Large = RecordExport.StreamedRows + 700;

    [Fact]
    public async Task ExportALargeTableInTheBackgroundWithProgressThenDownloadWhatTheStreamedExportWrites()
    {
        var (org, owner, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, Large);
        await using (await HoldJobAsync())
        {
            var asked = await client.GetAsync(ExportPath(solution, "csv"));
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            var progress = asked.Headers.Location!.OriginalString;
            Assert.StartsWith($"/solutions/{solution}/tables/patients/exports/", progress);
            // Asking again while it waits opens the same run rather than a second one.
            Assert.Equal(progress, (await client.GetAsync(ExportPath(solution, "csv"))).Headers.Location!.OriginalString);

            // Another device of the same person reads the stored run.
            using var other = Factory.ClientFor(org.Host);
            await other.SignInAsync(owner.Email!);
            var (waiting, page) = await other.GetPageAsync(progress);
            Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
            Assert.Contains("Waiting to start", page.QuerySelector("[role=status]")!.TextContent);
            Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
            Assert.Equal(Large.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("progress")!.GetAttribute("max"));
            Assert.NotNull(page.QuerySelector("form[action$='handler=Cancel'] button"));

            // Half-way, as the job reports it: rows done, rows in all and the time left.
            var run = Guid.Parse(progress.Split('/')[^1]);
            await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Where(r => r.Id == run)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Running).SetProperty(r => r.StartedAt, DateTime.UtcNow.AddSeconds(-2))));
            await Factory.Services.GetRequiredService<ExportProgress>().ReportAsync(run, 3_000, CancellationToken.None);
            var running = (await other.GetPageAsync(progress)).Document;
            Assert.Matches(@"^3,000 of 5,700 rows written, about \d+ s left\.$", running.QuerySelector("[role=status]")!.TextContent.Trim());
            Assert.Equal("3000", running.QuerySelector("progress")!.GetAttribute("value"));

            Assert.True((await RunJobAsync()).Ran);
            var done = (await other.GetPageAsync(progress)).Document;
            Assert.StartsWith($"Done: {Large:N0} rows written.", done.QuerySelector("[role=status]")!.TextContent);
            Assert.Null(done.QuerySelector("meta[http-equiv=refresh]"));
            var download = done.QuerySelector<IHtmlAnchorElement>("a.button[href$='handler=Download']")!;
            var file = await other.GetAsync(download.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("text/csv; charset=utf-8", file.Content.Headers.ContentType!.ToString());
            Assert.Equal("patients.csv", file.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
            var bytes = await file.Content.ReadAsByteArrayAsync();
            Assert.Equal(await StreamedAsync(org, solution, TableFileFormat.Csv), bytes);
            Assert.Equal(Large + 1, TableFileReader.Rows(bytes, 100_000).Count());
            // Served from the database: the instance that wrote it kept nothing on its disk, so any instance answers.
            Assert.Empty(ExportFiles(org));
            Assert.True(await StoredPartsAsync(org) > 0);
        }

        var stored = await World.InTenantAsync(org, db => db.Set<RecordExportRun>().SingleAsync());
        Assert.Equal((ExportStatus.Done, Large, owner.Id), (stored.Status, stored.RowsDone, stored.UserId));
        Assert.Equal(1, await World.InTenantAsync(org, db => db.AuditEntries.CountAsync(a => a.Action == "solution.records_exported" && a.UserId == owner.Id)));
    }

    [Fact]
    public async Task ExportALargeTableAsExcelWithTheRowsOfTheCsv()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, Large);
        await using (await HoldJobAsync())
        {
            var progress = (await client.GetAsync(ExportPath(solution, "xlsx") + "&sort=visits")).Headers.Location!.OriginalString;
            await RunJobAsync();
            var file = await client.GetAsync($"{progress}?handler=Download");
            Assert.Equal(TableFileFormats.XlsxContentType, file.Content.Headers.ContentType!.ToString());
            var rows = TableFileReader.Rows(await file.Content.ReadAsByteArrayAsync(), 100_000).ToList();
            var csv = TableFileReader.Rows(await StreamedAsync(org, solution, TableFileFormat.Csv, sort: "visits"), 100_000).ToList();
            Assert.Equal(Large + 1, rows.Count);
            Assert.Equal(csv.Select(r => string.Join('|', r)), rows.Select(r => string.Join('|', r)));
            // The list's sort holds: visits ascending.
            Assert.Equal("0", rows[1][2]);
            Assert.Equal("8", rows[^1][2]);
        }
    }

    [Fact]
    public async Task StreamASmallExportStraightToTheDownload()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, 30);
        var file = await client.GetAsync(ExportPath(solution, "csv"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(31, TableFileReader.Rows(await file.Content.ReadAsByteArrayAsync(), 100).Count());
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Set<RecordExportRun>().CountAsync()));
    }

    [Fact]
    public async Task CancelAQueuedOrARunningExportAndKeepNoFile()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, Large);
        await using (await HoldJobAsync())
        {
            // Cancelled while it waits: it never starts.
            var queued = (await client.GetAsync(ExportPath(solution, "csv"))).Headers.Location!.OriginalString;
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(queued, new Dictionary<string, string>(), $"{queued}?handler=Cancel")).StatusCode);
            Assert.Contains("Cancelled: no file was kept.", (await client.GetPageAsync(queued)).Document.QuerySelector("[role=status]")!.TextContent);

            // Cancelled once the job has it: the request reaches the job through the shared progress; the partial file goes.
            var running = (await client.GetAsync(ExportPath(solution, "xlsx"))).Headers.Location!.OriginalString;
            var second = Guid.Parse(running.Split('/')[^1]);
            await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Where(r => r.Id == second).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Running)));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(running, new Dictionary<string, string>(), $"{running}?handler=Cancel")).StatusCode);
            Assert.Contains("cancelling", (await client.GetPageAsync(running)).Document.QuerySelector("[role=status]")!.TextContent);
            await RunJobAsync();
            var (_, page) = await client.GetPageAsync(running);
            Assert.Contains("Cancelled: no file was kept.", page.QuerySelector("[role=status]")!.TextContent);
            Assert.Null(page.QuerySelector("a[href$='handler=Download']"));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"{running}?handler=Download")).StatusCode);
        }

        Assert.Equal([ExportStatus.Cancelled, ExportStatus.Cancelled], await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Select(r => r.Status).ToListAsync()));
        Assert.Empty(ExportFiles(org));
        Assert.Equal(0, await StoredPartsAsync(org));
    }

    [Fact]
    public async Task DeleteAnExportsFileADayAfterItWasWritten()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, Large);
        await using (await HoldJobAsync())
        {
            var progress = (await client.GetAsync(ExportPath(solution, "csv"))).Headers.Location!.OriginalString;
            await RunJobAsync();
            Assert.True(await StoredPartsAsync(org) > 0);
            await World.InTenantAsync(org, db => db.Set<RecordExportRun>().ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, DateTime.UtcNow - RecordExport.KeepFiles - TimeSpan.FromMinutes(1))));
            await RunJobAsync();
            Assert.Equal(0, await StoredPartsAsync(org));
            Assert.Contains("deleted a day after it was written", (await client.GetPageAsync(progress)).Document.QuerySelector("[role=status]")!.TextContent);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"{progress}?handler=Download")).StatusCode);
        }

        Assert.Equal(ExportStatus.Expired, await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task KeepAnExportToItsRequesterAndTheOrganizationsAdmins()
    {
        var (org, _, owner, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(org, solution, Large);
        var requester = await SolutionWorld.SignedInAsync(Factory, org, await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.ExecutiveViewer));
        var colleague = await SolutionWorld.SignedInAsync(Factory, org, await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.ExecutiveViewer));
        var (_, _, intruder, intruderSolution) = await SolutionWorld.OnProAsync(Factory, World);
        await using (await HoldJobAsync())
        {
            var progress = (await requester.GetAsync(ExportPath(solution, "csv"))).Headers.Location!.OriginalString;
            var run = progress.Split('/')[^1];
            await RunJobAsync();
            Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"{progress}?handler=Download")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{progress}?handler=Download")).StatusCode);

            // A colleague who reads the same table, and another organization by its own solution's address or by ours: nothing there.
            var forged = $"/solutions/{intruderSolution}/tables/patients/exports/{run}";
            foreach (var (who, path) in new[] { (colleague, progress), (intruder, forged), (intruder, progress) })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await who.GetAsync(path)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await who.GetAsync($"{path}?handler=Download")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostFormAsync($"/solutions/{intruderSolution}/tables/patients", new Dictionary<string, string>(), $"{forged}?handler=Cancel")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostFormAsync($"/solutions/{solution}/tables/patients", new Dictionary<string, string>(), $"{progress}?handler=Cancel")).StatusCode);
        }

        Assert.Equal(ExportStatus.Done, await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Select(r => r.Status).SingleAsync()));
        Assert.True(await StoredPartsAsync(org) > 0);
    }

    [Fact]
    public async Task PageAndExportALargeListFilteredByClientTag()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(Factory, org, solution, 60, prefix: "Untagged");
        await SeedAsync(org, solution, Large);
        // C12 model 1: the seeded patients are Contoso's; the first 60 are nobody's.
        await World.InTenantAsync(org, db => db.Set<SolutionRecord>().Where(r => !r.ValuesJson.Contains("Untagged")).ExecuteUpdateAsync(s => s.SetProperty(r => r.Tags, "|Contoso|")));

        var names = new List<string>();
        var next = $"/solutions/{solution}/tables/patients?tag=Contoso&sort=name";
        for (var page = 0; page < 2; page++)
        {
            var document = (await client.GetPageAsync(next)).Document;
            names.AddRange(document.QuerySelectorAll("table.records tbody tr td:first-child").Select(c => c.TextContent));
            next = document.QuerySelector<IHtmlAnchorElement>("a[rel=next]")!.GetAttribute("href")!;
            Assert.Contains("tag=Contoso", next);
        }

        Assert.Equal(100, names.Count);
        Assert.All(names, n => Assert.StartsWith("Patient ", n));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        await using (await HoldJobAsync())
        {
            var progress = (await client.GetAsync(ExportPath(solution, "csv") + "&tag=Contoso")).Headers.Location!.OriginalString;
            Assert.Equal(Large, await World.InTenantAsync(org, db => db.Set<RecordExportRun>().Select(r => r.RowCount).SingleAsync()));
            await RunJobAsync();
            var rows = TableFileReader.Rows(await (await client.GetAsync($"{progress}?handler=Download")).Content.ReadAsByteArrayAsync(), 100_000).Skip(1).ToList();
            Assert.Equal(Large, rows.Count);
            Assert.DoesNotContain(rows, r => r[0].StartsWith("Untagged", StringComparison.Ordinal));
        }

        // The untagged ones alone are few enough to stream.
        var streamed = TableFileReader.Rows(await (await client.GetAsync(ExportPath(solution, "csv") + "&q=untagged")).Content.ReadAsByteArrayAsync(), 1000).ToList();
        Assert.Equal(61, streamed.Count);
    }

    [Fact]
    public async Task WriteALargeExportOfAClientsPersonWithOnlyTheirClientsRecords()
    {
        var (org, _, owner, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await SeedAsync(Factory, org, solution, 60, prefix: "Fabrikam patient");
        await SeedAsync(org, solution, Large);
        // C12 model 1: one solution shared by two clients; the seeded patients are Contoso's, the first 60 Fabrikam's.
        await World.InTenantAsync(org, db => db.Set<Solution>().ExecuteUpdateAsync(s => s.SetProperty(x => x.Tags, "|Contoso|Fabrikam|")));
        await World.InTenantAsync(org, db => db.Set<SolutionRecord>().ExecuteUpdateAsync(s => s.SetProperty(r => r.Tags, r => r.ValuesJson.Contains("Fabrikam") ? "|Fabrikam|" : "|Contoso|")));
        var contosoPerson = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Member);
        var fabrikamPerson = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Member);
        await SharedSolutionScopeShould.AssignAsync(owner, solution, contosoPerson, "Contoso");
        await SharedSolutionScopeShould.AssignAsync(owner, solution, fabrikamPerson, "Fabrikam");
        using var contoso = await SolutionWorld.SignedInAsync(Factory, org, contosoPerson);
        using var fabrikam = await SolutionWorld.SignedInAsync(Factory, org, fabrikamPerson);

        await using (await HoldJobAsync())
        {
            // The job writes the file without the person: the run keeps whose client it is for.
            var progress = (await contoso.GetAsync(ExportPath(solution, "csv"))).Headers.Location!.OriginalString;
            var run = await World.InTenantAsync(org, db => db.Set<RecordExportRun>().SingleAsync());
            Assert.Equal((Large, "Contoso"), (run.RowCount, run.ClientTag));
            await RunJobAsync();
            var rows = TableFileReader.Rows(await (await contoso.GetAsync($"{progress}?handler=Download")).Content.ReadAsByteArrayAsync(), 100_000).Skip(1).ToList();
            Assert.Equal(Large, rows.Count);
            Assert.DoesNotContain(rows, r => r[0].StartsWith("Fabrikam", StringComparison.Ordinal));
        }

        // Fabrikam's person asks for the same table and gets their 60, streamed, even when asking for Contoso's tag.
        var theirs = TableFileReader.Rows(await (await fabrikam.GetAsync(ExportPath(solution, "csv"))).Content.ReadAsByteArrayAsync(), 1000).Skip(1).ToList();
        Assert.Equal(60, theirs.Count);
        Assert.All(theirs, r => Assert.StartsWith("Fabrikam patient ", r[0]));
        Assert.Single(TableFileReader.Rows(await (await fabrikam.GetAsync(ExportPath(solution, "csv") + "&tag=Contoso")).Content.ReadAsByteArrayAsync(), 1000));
    }

    private static string ExportPath(Guid solution, string format) => $"/solutions/{solution}/tables/patients?handler=Export&format={format}";

    /// <summary>Writes <paramref name="rows"/> patients through the module's own import (one transaction), as a person importing a file would; a confirmed-in-the-request run ("ready"), which the import job leaves alone.</summary>
    internal static async Task SeedAsync(PortalFactory factory, TestOrganization org, Guid solutionId, int rows, string prefix = "Patient")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var csv = Encoding.UTF8.GetBytes("Name,E-mail,Visits\r\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"{prefix} {i},p{i}@example.test,{i % 9}\r\n")));
            var run = new RecordImportRun { SolutionId = solutionId, TableKey = "patients", FileName = "seed.csv", Content = csv, RowCount = rows, Status = ImportStatus.Ready, CreatedAt = DateTime.UtcNow };
            db.Add(run);
            await db.SaveChangesAsync();
            var solution = await db.Set<Solution>().SingleAsync(s => s.Id == solutionId);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RecordImport>().RunAsync(solution, run, CancellationToken.None));
        }
    }

    private Task SeedAsync(TestOrganization org, Guid solutionId, int rows) => SeedAsync(Factory, org, solutionId, rows);

    /// <summary>What the streamed export writes for the same list: the same writer the download handler uses, into memory.</summary>
    private async Task<byte[]> StreamedAsync(TestOrganization org, Guid solutionId, TableFileFormat format, string? sort = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var solution = await db.Set<Solution>().SingleAsync(s => s.Id == solutionId);
            var table = (await scope.ServiceProvider.GetRequiredService<SolutionLibrary>().PublishedDefinitionAsync(solution, CancellationToken.None))!.Table("patients")!;
            using var output = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<RecordExport>().WriteAsync(output, solutionId, table, format, new RecordListRequest(null, sort, false, [], null), null, CancellationToken.None);
            return output.ToArray();
        }
    }

    /// <summary>The job's working files left on this instance's disk for the organization.</summary>
    private string[] ExportFiles(TestOrganization org)
    {
        var folder = Path.Combine(Factory.DataDirectory, "exports", org.Id.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>The pieces of the organization's export files stored in the database.</summary>
    private Task<int> StoredPartsAsync(TestOrganization org) => World.InTenantAsync(org, db => db.Set<RecordExportPart>().CountAsync());

    private Task<IAsyncDisposable> HoldJobAsync() => HeldJob.HoldAsync(Factory, RecordExportJob.JobName);

    private Task<JobRunOutcome> RunJobAsync() => HeldJob.RunAsync(Factory, RecordExportJob.JobName);
}
