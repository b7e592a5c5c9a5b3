using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// CSV or .xlsx import: a preview with the columns' fields and every row's problems first, then all
/// rows or none in one transaction. Small files import at once; larger ones run in the
/// <c>solutions-imports</c> job while this page (at <c>/import/{run}</c>) shows the rows done, the
/// rows in all and the time left, from any tab or device, and can cancel.
/// </summary>
public sealed class ImportModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordImport import, ImportProgress progress, RecordScope scope, PartnerPortal.Accounts.CurrentMember member, TimeProvider time, IPlanLimits limits) : SolutionPageModel(access)
{
    public TableDefinition Table { get; private set; } = null!;

    public ImportCheck? Check { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>The previewed file waiting for confirmation, or the import whose progress is shown.</summary>
    public RecordImportRun? Run { get; private set; }

    public int RowsDone { get; private set; }

    public TimeSpan? TimeLeft { get; private set; }

    public bool CancelRequested { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string table, Guid? run, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (run is null) return Page();
        if (await FindRunAsync(id, run.Value, cancellationToken) is not { } found) return NotFound();
        Run = found;
        RowsDone = found.Status == ImportStatus.Done ? found.RowsDone : await progress.DoneAsync(found.Id, cancellationToken) ?? 0;
        CancelRequested = found.Status is ImportStatus.Queued or ImportStatus.Running && await progress.CancelRequestedAsync(found.Id, cancellationToken);
        if (found.Status == ImportStatus.Running) TimeLeft = RunProgress.TimeLeft(found.StartedAt, time.GetUtcNow().UtcDateTime, RowsDone, found.RowCount);

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, string table, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (file is null || file.Length == 0) return Fail("Choose a CSV or Excel (.xlsx) file.");
        if (file.Length > RecordImport.MaxBytes) return Fail($"The file is larger than {RecordImport.MaxBytes / 1024 / 1024} MB; split it.");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, cancellationToken);

        Check = RecordImport.Check(content, Table);
        if (Check.Errors.Count > 0) return Fail(null);
        var name = Path.GetFileName(file.FileName);
        Run = new RecordImportRun
        {
            SolutionId = id,
            TableKey = Table.Key,
            FileName = name.Length > 200 ? name[..200] : name,
            Content = content,
            RowCount = Check.RowCount,
            Status = ImportStatus.Ready,
            UserId = member.UserId ?? Guid.Empty,
            ClientTag = await scope.ClientTagAsync(id, cancellationToken),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(Run);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (await FindRunAsync(id, run, cancellationToken) is not { Status: ImportStatus.Ready } found) return Fail("Upload the file again.");
        if (found.RowCount <= RecordImport.InlineRows)
        {
            try
            {
                if (await import.RunAsync(Solution, found, cancellationToken) is { } problem) return Fail(problem);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Fail("This file was imported already.");
            }

            return Redirect($"/solutions/{id}/tables/{table}?message=" + Uri.EscapeDataString($"{found.RowCount:N0} record{(found.RowCount == 1 ? "" : "s")} imported into {Table.Name}."));
        }

        // Told now rather than when the job gets to it; the job checks again before it writes (R7).
        if (await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Records, found.RowCount, cancellationToken) is { Allowed: false } refused) return Fail(refused.Message);
        var queued = await db.Set<RecordImportRun>().Where(r => r.Id == found.Id && r.Status == ImportStatus.Ready)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Queued), cancellationToken);
        if (queued != 1) return Fail("This file was imported already.");
        return Redirect($"/solutions/{id}/tables/{table}/import/{found.Id}");
    }

    /// <summary>A queued import is cancelled at once; a running one stops at its next batch of rows and rolls back.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, string table, Guid run, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (await FindRunAsync(id, run, cancellationToken) is not { } found) return NotFound();
        await progress.RequestCancelAsync(found.Id, cancellationToken);
        if (found.Status is ImportStatus.Queued or ImportStatus.Ready)
        {
            await db.Set<RecordImportRun>().Where(r => r.Id == found.Id && (r.Status == ImportStatus.Queued || r.Status == ImportStatus.Ready)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ImportStatus.Cancelled).SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime).SetProperty(r => r.Content, (byte[]?)null), cancellationToken);
        }

        return Redirect($"/solutions/{id}/tables/{table}/import/{found.Id}");
    }

    /// <summary>Runs are found in the signed-in organization only (tenant filter), and only for this solution and table.</summary>
    private Task<RecordImportRun?> FindRunAsync(Guid id, Guid run, CancellationToken cancellationToken) =>
        db.Set<RecordImportRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == run && r.SolutionId == id && r.TableKey == Table.Key, cancellationToken);

    private IActionResult Fail(string? error)
    {
        if (error is not null) Errors.Add(error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadTableAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        var definition = await library.PublishedDefinitionAsync(Solution, cancellationToken);
        if (definition?.Table(table) is not { } found) return NotFound();
        Table = found;
        return null;
    }
}
