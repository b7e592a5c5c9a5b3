using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Writes the files of large exports (job <c>solutions-exports</c>), one after another, each in its
/// organization's tenant context, to a working file on this instance's disk, then stores the whole
/// file in the database (<see cref="RecordExportPart"/>) in the same transaction that marks the run
/// done: any instance serves the download, and a download never gets half a file. Runs are taken from
/// the <see cref="RunQueue"/>: a run left "running" by an instance that stopped starts over. A cancel
/// request stops it at the next page and deletes the working file. Finished files are deleted after
/// <see cref="RecordExport.KeepFiles"/>, and runs after a week.
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
        var expired = await runs.Where(r => r.Status == ExportStatus.Done && r.FinishedAt < expiry).Select(r => r.Id).ToListAsync(cancellationToken);
        if (expired.Count > 0)
        {
            await runs.Where(r => expired.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExportStatus.Expired), cancellationToken);
            await db.Set<RecordExportPart>().IgnoreQueryFilters(["Tenant"]).Where(p => expired.Contains(p.RunId)).ExecuteDeleteAsync(cancellationToken);
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
        var working = export.WorkingFileOf(run);
        Directory.CreateDirectory(Path.GetDirectoryName(working)!);
        try
        {
            int written;
            await using (var file = new FileStream(working, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                written = await export.WriteAsync(file, run.SolutionId, table, run.Format, RecordExport.Deserialize(run.RequestJson), async done =>
                {
                    if (await progress.CancelRequestedAsync(runId, cancellationToken)) throw new OperationCanceledException("The export was cancelled.");
                    await progress.ReportAsync(runId, done, cancellationToken);
                }, cancellationToken);
            }

            return await StoreAsync(runId, working, written, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(runId, ExportStatus.Cancelled, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogExportFailed(logger, ex, runId);
            await FinishAsync(runId, ExportStatus.Failed, "The export failed. Try again.");
        }
        finally
        {
            File.Delete(working);
        }

        return false;
    }

    /// <summary>
    /// Marks the run done and stores its file, a <see cref="RecordExportPart"/> at a time, in one transaction:
    /// a download finds the whole file or none. A cancel that came while the last page was written wins, and
    /// nothing is stored.
    /// </summary>
    private async Task<bool> StoreAsync(Guid runId, string working, int written, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.Set<RecordExportRun>().Where(r => r.Id == runId && r.Status == ExportStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ExportStatus.Done).SetProperty(r => r.RowsDone, written).SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        if (finished != 1) return false;

        await using (var file = new FileStream(working, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            var buffer = new byte[RecordExportPart.Size];
            var number = 0;
            int read;
            do
            {
                read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                db.Add(new RecordExportPart { RunId = runId, Number = number++, Bytes = buffer[..read] });
                await db.SaveChangesAsync(cancellationToken);
                // One piece in memory at a time.
                db.ChangeTracker.Clear();
            }
            while (read == buffer.Length);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
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
