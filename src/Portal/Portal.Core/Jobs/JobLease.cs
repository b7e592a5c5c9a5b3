using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Jobs;

/// <summary>
/// One row per job: who may run it until when, and what its last run did. Several instances share
/// one database; whichever claims the row runs the job and the others skip it until
/// <see cref="ExpiresAt"/> (DESIGN "Background work"). The figures are what <c>/platform/jobs</c> shows.
/// </summary>
public class JobLease : IGlobalEntity
{
    /// <summary>The job's stable name, e.g. <c>domain-recheck</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The run that holds the lease, or the one that ran last.</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>
    /// Nobody else claims the job before this: while a run holds it, a little after its last
    /// heartbeat; between runs, when the next run is due.
    /// </summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the run holding the lease started; null between runs.</summary>
    public DateTime? RunningSince { get; set; }

    public DateTime? LastStartedAt { get; set; }

    public long? LastDurationMilliseconds { get; set; }

    /// <summary>How many items the last run processed (messages sent, trials ended…); null when it failed.</summary>
    public int? LastItems { get; set; }

    public DateTime? LastSucceededAt { get; set; }

    public DateTime? LastFailedAt { get; set; }

    /// <summary>The message of the last failure, kept after later successes so an operator can still read it.</summary>
    public string? LastError { get; set; }
}

/// <summary>What one run did, as recorded on its <see cref="JobLease"/>.</summary>
public sealed record JobRun(DateTime StartedAt, TimeSpan Duration, int Items, string? Error)
{
    public const int ErrorLength = 2000;

    public bool Failed => Error is not null;
}

/// <summary>Claims job leases with one conditional update, so exactly one instance wins a race.</summary>
public sealed class JobLeases(PortalDbContext db, TimeProvider time)
{
    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="holder"/> for <paramref name="duration"/>
    /// when no one holds it (or the holder's time ran out). Returns whether this holder now has it.
    /// </summary>
    public Task<bool> TryClaimAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        TryClaimAsync(name, holder, duration, beforeDue: false, cancellationToken);

    /// <summary>
    /// Like <see cref="TryClaimAsync(string, string, TimeSpan, CancellationToken)"/>; with
    /// <paramref name="beforeDue"/> ("run now") it also claims a job whose next run is not due yet,
    /// but still never one that a run holds.
    /// </summary>
    public async Task<bool> TryClaimAsync(string name, string holder, TimeSpan duration, bool beforeDue, CancellationToken cancellationToken)
    {
        if (await ClaimRowAsync(name, holder, duration, beforeDue, cancellationToken)) return true;
        // Usually the row exists and someone holds it; only a job's very first claim has to create it.
        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, cancellationToken)) return false;
        return await CreateRowAsync(name, cancellationToken) == 1 && await ClaimRowAsync(name, holder, duration, beforeDue, cancellationToken);
    }

    /// <summary>Keeps a running holder's claim for another <paramref name="duration"/>; false when the holder lost it.</summary>
    public async Task<bool> RenewAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime + duration;
        return await db.Set<JobLease>()
            .Where(l => l.Name == name && l.Holder == holder && l.RunningSince != null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>
    /// Records what the holder's run did and holds the lease until <paramref name="nextRunAt"/>, so
    /// one run happens per interval however many instances look. False when the holder had lost it
    /// (another run's figures are then left alone).
    /// </summary>
    public async Task<bool> FinishAsync(string name, string holder, JobRun run, DateTime nextRunAt, CancellationToken cancellationToken)
    {
        var finishedAt = run.StartedAt + run.Duration;
        var milliseconds = (long)run.Duration.TotalMilliseconds;
        var lease = db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder);
        var updated = run.Error is { } error
            ? await lease.ExecuteUpdateAsync(s => s
                .SetProperty(l => l.RunningSince, (DateTime?)null).SetProperty(l => l.ExpiresAt, nextRunAt)
                .SetProperty(l => l.LastStartedAt, run.StartedAt).SetProperty(l => l.LastDurationMilliseconds, milliseconds)
                .SetProperty(l => l.LastItems, (int?)null)
                .SetProperty(l => l.LastFailedAt, finishedAt).SetProperty(l => l.LastError, error.Length > JobRun.ErrorLength ? error[..JobRun.ErrorLength] : error),
                cancellationToken)
            : await lease.ExecuteUpdateAsync(s => s
                .SetProperty(l => l.RunningSince, (DateTime?)null).SetProperty(l => l.ExpiresAt, nextRunAt)
                .SetProperty(l => l.LastStartedAt, run.StartedAt).SetProperty(l => l.LastDurationMilliseconds, milliseconds)
                .SetProperty(l => l.LastItems, run.Items)
                .SetProperty(l => l.LastSucceededAt, finishedAt),
                cancellationToken);
        return updated == 1;
    }

    /// <summary>Gives the lease up early (a run that stopped with its instance), so another instance may run the job at once.</summary>
    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<JobLease>()
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now).SetProperty(l => l.RunningSince, (DateTime?)null), cancellationToken);
    }

    private async Task<bool> ClaimRowAsync(string name, string holder, TimeSpan duration, bool beforeDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var free = beforeDue
            ? db.Set<JobLease>().Where(l => l.Name == name && (l.ExpiresAt <= now || l.RunningSince == null))
            : db.Set<JobLease>().Where(l => l.Name == name && l.ExpiresAt <= now);
        var claimed = await free.ExecuteUpdateAsync(
            s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.RunningSince, now),
            cancellationToken);
        return claimed == 1;
    }

    // Two instances may both try to create the row: an insert that ignores the duplicate keeps that
    // race silent (an EF insert would fail with a logged error on the loser). Returns 1 when this
    // call created it.
    private Task<int> CreateRowAsync(string name, CancellationToken cancellationToken)
    {
        var never = DateTime.MinValue;
        return db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" => db.Database.ExecuteSqlAsync(
                $"INSERT INTO [JobLeases] ([Name], [Holder], [ExpiresAt]) SELECT {name}, N'', {never} WHERE NOT EXISTS (SELECT 1 FROM [JobLeases] WITH (UPDLOCK, HOLDLOCK) WHERE [Name] = {name})",
                cancellationToken),
            "Microsoft.EntityFrameworkCore.Sqlite" => db.Database.ExecuteSqlAsync(
                $"INSERT OR IGNORE INTO \"JobLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({name}, '', {never})",
                cancellationToken),
            "Npgsql.EntityFrameworkCore.PostgreSQL" => db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({name}, '', {never}) ON CONFLICT DO NOTHING",
                cancellationToken),
            var other => throw new NotSupportedException($"Job leases do not know the provider {other}."),
        };
    }
}
