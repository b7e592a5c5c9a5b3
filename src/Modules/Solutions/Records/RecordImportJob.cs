using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Runs confirmed imports that are too large for the request (job <c>solutions-imports</c>), one
/// after another, each in its organization's tenant context. A run is claimed with a conditional
/// update; a run left "running" by an instance that stopped wrote nothing (its transaction never
/// committed) and is queued again. Organizations that switched Solutions off wait. Previews never
/// confirmed are dropped after a day, with their files.
/// </summary>
public sealed partial class RecordImportJob(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    RecordImport import,
    ImportProgress progress,
    IModuleSwitch switches,
    TimeProvider time,
    ILogger<RecordImportJob> logger) : IPortalJob
{
    public const string JobName = "solutions-imports";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepPreviews = TimeSpan.FromDays(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var runs = db.Set<RecordImportRun>().IgnoreQueryFilters(["Tenant"]);
        // The lease lets one pass run at a time: a run still marked running was left by a pass that stopped.
        await runs.Where(r => r.Status == ImportStatus.Running).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Queued), cancellationToken);
        var stale = now - KeepPreviews;
        await runs.Where(r => r.Status == ImportStatus.Ready && r.CreatedAt < stale).ExecuteDeleteAsync(cancellationToken);

        var imported = 0;
        var waiting = new HashSet<Guid>();
        while (await runs.AsNoTracking().Where(r => r.Status == ImportStatus.Queued && !waiting.Contains(r.Id)).OrderBy(r => r.CreatedAt)
                   .Select(r => new { r.Id, r.TenantId }).FirstOrDefaultAsync(cancellationToken) is { } next)
        {
            if (!await switches.IsOnAsync(SolutionsModule.ModuleName, next.TenantId, cancellationToken))
            {
                waiting.Add(next.Id);
                continue;
            }

            var claimed = await runs.Where(r => r.Id == next.Id && r.Status == ImportStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running).SetProperty(r => r.StartedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
            if (claimed != 1) continue;
            if (await RunOneAsync(next.Id, next.TenantId, cancellationToken)) imported++;
        }

        return imported;
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
