using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// A large export's page: rows done, rows in all and the time left while the <c>solutions-exports</c>
/// job writes the file (the same on every tab and device, as it reads the stored run), Cancel, then
/// Download until the file expires. Only the person who asked for it and the organization's admins see it.
/// </summary>
public sealed class ExportModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, ExportProgress progress, PartnerPortal.Accounts.CurrentMember member, TimeProvider time)
    : SolutionPageModel(access)
{
    public TableDefinition Table { get; private set; } = null!;

    public RecordExportRun Run { get; private set; } = null!;

    public int RowsDone { get; private set; }

    public TimeSpan? TimeLeft { get; private set; }

    public bool CancelRequested { get; private set; }

    public bool Active => Run.Status is ExportStatus.Queued or ExportStatus.Running;

    public string Address => RecordExport.PageOf(Solution.Id, Table.Key, Run.Id);

    public async Task<IActionResult> OnGetAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadRunAsync(id, table, run, cancellationToken) is { } denied) return denied;
        RowsDone = Run.Status == ExportStatus.Done ? Run.RowsDone : Math.Min(Run.RowCount, await progress.DoneAsync(Run.Id, cancellationToken) ?? 0);
        CancelRequested = Active && await progress.CancelRequestedAsync(Run.Id, cancellationToken);
        if (Run.Status == ExportStatus.Running) TimeLeft = RunProgress.TimeLeft(Run.StartedAt, time.GetUtcNow().UtcDateTime, RowsDone, Run.RowCount);
        return Page();
    }

    /// <summary>The stored file, a piece at a time (memory stays flat), from whichever instance answers.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadRunAsync(id, table, run, cancellationToken) is { } denied) return denied;
        var parts = db.Set<RecordExportPart>().AsNoTracking().Where(p => p.RunId == Run.Id);
        if (Run.Status != ExportStatus.Done || !await parts.AnyAsync(cancellationToken)) return Redirect(Address);
        Response.Headers.CacheControl = "no-store";
        Response.ContentType = Run.Format.ContentType();
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(RecordExport.DownloadName(Table, Run.Format));
        Response.Headers.ContentDisposition = disposition.ToString();
        await foreach (var bytes in parts.OrderBy(p => p.Number).Select(p => p.Bytes).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await Response.Body.WriteAsync(bytes, cancellationToken);
        }

        return new EmptyResult();
    }

    /// <summary>A queued export is cancelled at once; a running one stops at its next page of rows and deletes what it wrote.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadRunAsync(id, table, run, cancellationToken) is { } denied) return denied;
        await progress.RequestCancelAsync(Run.Id, cancellationToken);
        await db.Set<RecordExportRun>().Where(r => r.Id == Run.Id && r.Status == ExportStatus.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ExportStatus.Cancelled).SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        return Redirect(Address);
    }

    /// <summary>
    /// Runs are found in the signed-in organization only (tenant filter), for this solution and table,
    /// and only by the person who asked for the export or an admin: anyone else gets 404, as for an id of nothing.
    /// </summary>
    private async Task<IActionResult?> LoadRunAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        if ((await library.PublishedDefinitionAsync(Solution, cancellationToken))?.Table(table) is not { } found) return NotFound();
        Table = found;
        var userId = member.UserId ?? Guid.Empty;
        var admin = await member.HasRoleAsync(PartnerPortal.Accounts.OrganizationRole.Admin, cancellationToken);
        var stored = await db.Set<RecordExportRun>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == run && r.SolutionId == id && r.TableKey == found.Key && (admin || r.UserId == userId), cancellationToken);
        if (stored is null) return NotFound();
        Run = stored;
        return null;
    }
}
