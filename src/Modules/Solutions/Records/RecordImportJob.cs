using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Runs confirmed imports that are too large for the request (job <c>solutions-imports</c>), one
/// after another, each in its organization's tenant context, taken from the <see cref="RunQueue"/>: a
/// run left "running" by an instance that stopped wrote nothing (its transaction never committed)
/// and is queued again. Previews never confirmed are dropped after a day, with their files.
/// </summary>
public sealed partial class RecordImportJob(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    RecordImport import,
    RecordScope scope,
    ImportProgress progress,
    RunQueue queue,
    TimeProvider time,
    ILogger<RecordImportJob> logger) : IPortalJob
{
    public const string JobName = "solutions-imports";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepPreviews = TimeSpan.FromDays(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var runs = db.Set<RecordImportRun>().IgnoreQueryFilters(["Tenant"]);
        var stale = time.GetUtcNow().UtcDateTime - KeepPreviews;
        await runs.Where(r => r.Status == ImportStatus.Ready && r.CreatedAt < stale).ExecuteDeleteAsync(cancellationToken);
        return await queue.DrainAsync(runs, ImportStatus.Queued, ImportStatus.Running, RunOneAsync, cancellationToken);
    }

    private async Task<bool> RunOneAsync(Guid runId, Guid tenantId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await store.FindByIdAsync(tenantId, cancellationToken) is not { } tenant)
        {
            await FinishAsync(runId, ImportStatus.Failed, "The organization no longer exists.");
            return false;
        }

        using var _ = tenants.Change(tenant);
        var run = await db.Set<RecordImportRun>().SingleAsync(r => r.Id == runId, cancellationToken);
        var solution = await db.Set<Solution>().SingleAsync(s => s.Id == run.SolutionId, cancellationToken);
        // The rows are written as the person who uploaded them would write them (their client tag, C12).
        scope.ActFor(run.SolutionId, run.ClientTag);
        try
        {
            if (await import.RunAsync(solution, run, cancellationToken) is not { } problem) return true;
            await FinishAsync(runId, ImportStatus.Failed, problem);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(runId, ImportStatus.Cancelled, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogImportFailed(logger, ex, runId);
            await FinishAsync(runId, ImportStatus.Failed, "The import failed; nothing was imported. Try again, or split the file.");
        }

        return false;
    }

    /// <summary>Ends a run that imported nothing; the file goes, the status stays for the page to show.</summary>
    private async Task FinishAsync(Guid runId, ImportStatus status, string? error)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<RecordImportRun>().IgnoreQueryFilters(["Tenant"]).Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.RowsDone, 0).SetProperty(r => r.Content, (byte[]?)null), CancellationToken.None);
        await progress.ReportAsync(runId, 0, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {RunId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, Guid runId);
}
