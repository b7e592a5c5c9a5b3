using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Writes the files of large exports (job <c>solutions-exports</c>), one after another, each in its
/// organization's tenant context, to a partial file renamed once complete: a download never gets
/// half a file. Runs are taken from the <see cref="RunQueue"/>: a run left "running" by an instance
/// that stopped starts over. A cancel request stops it at the next page and deletes the partial file.
/// Finished files are deleted after <see cref="RecordExport.KeepFiles"/>, and runs after a week.
/// </summary>
public sealed partial class RecordExportJob(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    SolutionLibrary library,
    RecordExport export,
    RecordScope scope,
    ExportProgress progress,
    RunQueue queue,
    TimeProvider time,
    ILogger<RecordExportJob> logger) : IPortalJob
{
    public const string JobName = "solutions-exports";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepRuns = TimeSpan.FromDays(7);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var runs = db.Set<RecordExportRun>().IgnoreQueryFilters(["Tenant"]);
        var expired = await ExpireAsync(runs, cancellationToken);
        return expired + await queue.DrainAsync(runs, ExportStatus.Queued, ExportStatus.Running, RunOneAsync, cancellationToken);
    }

    /// <summary>Deletes the files of exports finished more than a day ago, and forgets runs older than a week; returns the files deleted.</summary>
    private async Task<int> ExpireAsync(IQueryable<RecordExportRun> runs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiry = now - RecordExport.KeepFiles;
        var expired = await runs.AsNoTracking().Where(r => r.Status == ExportStatus.Done && r.FinishedAt < expiry).ToListAsync(cancellationToken);
        foreach (var run in expired)
        {
            File.Delete(export.FileOf(run));
            await runs.Where(r => r.Id == run.Id && r.Status == ExportStatus.Done).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Expired), cancellationToken);
        }

        var forgotten = now - KeepRuns;
        await runs.Where(r => r.CreatedAt < forgotten && r.Status != ExportStatus.Queued && r.Status != ExportStatus.Running && r.Status != ExportStatus.Done).ExecuteDeleteAsync(cancellationToken);
        return expired.Count;
    }

    private async Task<bool> RunOneAsync(Guid runId, Guid tenantId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await store.FindByIdAsync(tenantId, cancellationToken) is not { } tenant)
        {
            await FinishAsync(runId, ExportStatus.Failed, "The organization no longer exists.");
            return false;
        }

        using var _ = tenants.Change(tenant);
        var run = await db.Set<RecordExportRun>().AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var solution = await db.Set<Solution>().AsNoTracking().SingleAsync(s => s.Id == run.SolutionId, cancellationToken);
        if ((await library.PublishedDefinitionAsync(solution, cancellationToken))?.Table(run.TableKey) is not { } table)
        {
            await FinishAsync(runId, ExportStatus.Failed, "The table is no longer published.");
            return false;
        }

        // The file holds what the person who asked may see (their client tag, C12), not every record.
        scope.ActFor(run.SolutionId, run.ClientTag);
        var path = export.FileOf(run);
        var partial = path + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            int written;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                written = await export.WriteAsync(file, run.SolutionId, table, run.Format, RecordExport.Deserialize(run.RequestJson), async done =>
                {
                    if (await progress.CancelRequestedAsync(runId, cancellationToken)) throw new OperationCanceledException("The export was cancelled.");
                    await progress.ReportAsync(runId, done, cancellationToken);
                }, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
            var finished = await db.Set<RecordExportRun>().Where(r => r.Id == runId && r.Status == ExportStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ExportStatus.Done).SetProperty(r => r.RowsDone, written).SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
            if (finished == 1) return true;
            // Cancelled while the last page was written: the file goes too.
            File.Delete(path);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            File.Delete(partial);
            await FinishAsync(runId, ExportStatus.Cancelled, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogExportFailed(logger, ex, runId);
            File.Delete(partial);
            await FinishAsync(runId, ExportStatus.Failed, "The export failed. Try again.");
        }

        return false;
    }

    /// <summary>Ends a run that left no file; the status stays for the page to show.</summary>
    private async Task FinishAsync(Guid runId, ExportStatus status, string? error)
    {
        db.ChangeTracker.Clear();
        await db.Set<RecordExportRun>().IgnoreQueryFilters(["Tenant"]).Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {RunId} failed")]
    private static partial void LogExportFailed(ILogger logger, Exception exception, Guid runId);
}
