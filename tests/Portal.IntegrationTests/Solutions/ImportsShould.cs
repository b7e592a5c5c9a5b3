using AngleSharp.Dom;
using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// Imports of CSV and .xlsx files (issue 13): workbooks read through the Open XML SDK, bad workbooks
/// refused with a clear message, large files imported by the <c>solutions-imports</c> job with a
/// progress page any device reads, cancelled imports that change nothing, and runs of other
/// organizations out of reach.
/// </summary>
public sealed class ImportsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ImportALargeFileInTheBackgroundWithProgressThatAnotherDeviceSees()
    {
        var (org, owner, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        var rows = RecordImport.InlineRows + 500;
        await using (await HoldImportJobAsync())
        {
            var queued = await SolutionWorld.ImportAsync(client, solution, SolutionWorld.PatientsCsv(rows), "patients.csv");
            Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
            var progress = queued.Headers.Location!.OriginalString;
            Assert.StartsWith($"{SolutionWorld.ImportPath(solution)}/", progress);

            // Another device: the same person signed in elsewhere reads the stored status.
            using var other = Factory.ClientFor(org.Host);
            await other.SignInAsync(owner.Email!);
            var (waiting, page) = await other.GetPageAsync(progress);
            Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
            Assert.Contains("Waiting to start", page.QuerySelector("[role=status]")!.TextContent);
            Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
            Assert.Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("progress")!.GetAttribute("max"));
            Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));

            Assert.True((await RunImportJobAsync()).Ran);
            var (_, done) = await other.GetPageAsync(progress);
            Assert.Contains($"Done: {rows:N0} rows imported.", done.QuerySelector("[role=status]")!.TextContent);
            Assert.Null(done.QuerySelector("meta[http-equiv=refresh]"));
        }

        Assert.Equal(rows, await SolutionWorld.RecordCountAsync(World, org));
        var run = await World.InTenantAsync(org, db => db.Set<RecordImportRun>().SingleAsync());
        Assert.Equal((ImportStatus.Done, rows, true), (run.Status, run.RowsDone, run.Content is null));
        var audit = await World.InTenantAsync(org, db => db.AuditEntries.SingleAsync(a => a.Action == "solution.records_imported"));
        Assert.Equal((owner.Id, $"Clinic / Patients: {rows} rows from patients.csv"), (audit.UserId, audit.Detail));
    }

    [Fact]
    public async Task CancelAQueuedOrARunningImportAndChangeNothing()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        await using (await HoldImportJobAsync())
        {
            // Cancelled while it waits: it never starts.
            var queued = (await SolutionWorld.ImportAsync(client, solution, SolutionWorld.PatientsCsv(RecordImport.InlineRows + 1), "first.csv")).Headers.Location!.OriginalString;
            var cancelled = await client.PostFormAsync(queued, new Dictionary<string, string>(), $"{queued}?handler=Cancel");
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
            var (_, page) = await client.GetPageAsync(queued);
            Assert.Contains("Cancelled: nothing was imported.", page.QuerySelector("[role=status]")!.TextContent);

            // Cancelled once the job has it: the request reaches the job through the shared progress, and the transaction rolls back.
            var running = (await SolutionWorld.ImportAsync(client, solution, SolutionWorld.PatientsCsv(RecordImport.InlineRows + 1), "second.csv")).Headers.Location!.OriginalString;
            var second = Guid.Parse(running.Split('/')[^1]);
            await World.InTenantAsync(org, db => db.Set<RecordImportRun>().Where(r => r.Id == second).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running)));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(running, new Dictionary<string, string>(), $"{running}?handler=Cancel")).StatusCode);
            Assert.Contains("cancelling", (await client.GetPageAsync(running)).Document.QuerySelector("[role=status]")!.TextContent);
            await RunImportJobAsync();
            Assert.Contains("Cancelled: nothing was imported.", (await client.GetPageAsync(running)).Document.QuerySelector("[role=status]")!.TextContent);
        }

        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));
        Assert.Equal([ImportStatus.Cancelled, ImportStatus.Cancelled], await World.InTenantAsync(org, db => db.Set<RecordImportRun>().Select(r => r.Status).ToListAsync()));
        Assert.Equal(0, await World.InTenantAsync(org, db => db.AuditEntries.CountAsync(a => a.Action == "solution.records_imported")));
    }

    [Fact]
    public async Task KeepAnotherOrganizationsImportOutOfReach()
    {
        var (org, _, client, solution) = await SolutionWorld.OnProAsync(Factory, World);
        var (_, _, intruder, intruderSolution) = await SolutionWorld.OnProAsync(Factory, World);
        await using (await HoldImportJobAsync())
        {
            var progress = (await SolutionWorld.ImportAsync(client, solution, SolutionWorld.PatientsCsv(RecordImport.InlineRows + 1), "patients.csv")).Headers.Location!.OriginalString;
            var run = progress.Split('/')[^1];
            var forged = $"{SolutionWorld.ImportPath(intruderSolution)}/{run}";
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync(forged)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostFormAsync(SolutionWorld.ImportPath(intruderSolution), new Dictionary<string, string>(), $"{forged}?handler=Cancel")).StatusCode);
            var import = await intruder.PostFormAsync(SolutionWorld.ImportPath(intruderSolution), new Dictionary<string, string> { ["run"] = run }, $"{SolutionWorld.ImportPath(intruderSolution)}?handler=Import");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"{SolutionWorld.ImportPath(solution)}/{run}")).StatusCode);
            Assert.Equal(ImportStatus.Queued, await World.InTenantAsync(org, db => db.Set<RecordImportRun>().Select(r => r.Status).SingleAsync()));
        }
    }


    private Task<IAsyncDisposable> HoldImportJobAsync() => HeldJob.HoldAsync(Factory, RecordImportJob.JobName);

    private Task<JobRunOutcome> RunImportJobAsync() => HeldJob.RunAsync(Factory, RecordImportJob.JobName);

    private static Cell Shared(int index) => new(new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture))) { DataType = CellValues.SharedString };

    private static Cell Number(string value) => new(new CellValue(value));

    private static Cell Inline(string text) => new(new InlineString(new Text(text))) { DataType = CellValues.InlineString };

    private static Row Row(uint index, params (string Reference, Cell Cell)[] cells)
    {
        var row = new Row { RowIndex = index };
        foreach (var (reference, cell) in cells)
        {
            cell.CellReference = reference;
            row.Append(cell);
        }

        return row;
    }

    /// <summary>A workbook built with the SDK's DOM: one sheet and the given shared strings.</summary>
    private static byte[] Workbook(Action<SheetData> fill, params string[] shared)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(shared.Select(s => new SharedStringItem(new Text(s))));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            fill(data);
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(new Sheets(new Sheet { Name = "Patients", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }

        return stream.ToArray();
    }
}
