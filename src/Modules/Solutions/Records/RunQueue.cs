using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Solutions.Records;

/// <summary>A run that waits its turn in a job's queue: an import or an export.</summary>
public interface IQueuedRun<TStatus> : ITenantOwned
    where TStatus : struct, Enum
{
    Guid Id { get; }

    DateTime CreatedAt { get; }

    TStatus Status { get; }

    DateTime? StartedAt { get; }
}

/// <summary>
/// The queue of a job's runs (imports, exports). A pass first queues again whatever a stopped pass
/// left running: the job's lease lets one pass run at a time, and a run's work is all or nothing (an
/// import's transaction, an export's partial file). It then takes queued runs oldest first, each
/// claimed with a conditional update so that no two passes run the same one. Runs of organizations
/// that switched Solutions off wait for a later pass.
/// </summary>
public sealed class RunQueue(IModuleSwitch switches, TimeProvider time)
{
    /// <summary>Runs every queued run with <paramref name="runOne"/> (given its id and organization); returns how many it reported done.</summary>
    public async Task<int> DrainAsync<TRun, TStatus>(
        IQueryable<TRun> runs, TStatus queued, TStatus running, Func<Guid, Guid, CancellationToken, Task<bool>> runOne, CancellationToken cancellationToken)
        where TRun : class, IQueuedRun<TStatus>
        where TStatus : struct, Enum
    {
        await runs.Where(StatusIs<TRun, TStatus>(running)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, queued), cancellationToken);

        var done = 0;
        var waiting = new HashSet<Guid>();
        while (await runs.AsNoTracking().Where(StatusIs<TRun, TStatus>(queued)).Where(r => !waiting.Contains(r.Id)).OrderBy(r => r.CreatedAt)
                   .Select(r => new { r.Id, r.TenantId }).FirstOrDefaultAsync(cancellationToken) is { } next)
        {
            if (!await switches.IsOnAsync(SolutionsModule.ModuleName, next.TenantId, cancellationToken))
            {
                waiting.Add(next.Id);
                continue;
            }

            var claimed = await runs.Where(StatusIs<TRun, TStatus>(queued)).Where(r => r.Id == next.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, running).SetProperty(r => r.StartedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
            if (claimed != 1) continue;
            if (await runOne(next.Id, next.TenantId, cancellationToken)) done++;
        }

        return done;
    }

    /// <summary><c>r => r.Status == status</c>: C# has no <c>==</c> for a generic enum, so the comparison is built as an expression EF translates.</summary>
    private static Expression<Func<TRun, bool>> StatusIs<TRun, TStatus>(TStatus status)
        where TRun : class, IQueuedRun<TStatus>
        where TStatus : struct, Enum
    {
        var run = Expression.Parameter(typeof(TRun), "r");
        var property = Expression.Property(run, typeof(TRun).GetProperty(nameof(IQueuedRun<TStatus>.Status))!);
        return Expression.Lambda<Func<TRun, bool>>(Expression.Equal(property, Expression.Constant(status)), run);
    }
}
