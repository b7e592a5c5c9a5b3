using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Jobs;

/// <summary>
/// Who may run a periodic job until when. Several instances share one database; whichever claims
/// the row first runs the job and the others skip it until <see cref="ExpiresAt"/> (DESIGN
/// "Background work").
/// </summary>
public class JobLease : IGlobalEntity
{
    /// <summary>The job's stable name, e.g. <c>domain-recheck</c>.</summary>
    public required string Name { get; set; }

    public string Holder { get; set; } = string.Empty;

    public DateTime ExpiresAt { get; set; }
}

/// <summary>Claims job leases with one conditional update, so exactly one instance wins a race.</summary>
public sealed class JobLeases(PortalDbContext db, TimeProvider time)
{
    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="holder"/> for <paramref name="duration"/>
    /// when no one holds it (or the holder's time ran out). Returns whether this holder now has it.
    /// </summary>
    public async Task<bool> TryClaimAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(name, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var claimed = await db.Set<JobLease>()
            .Where(l => l.Name == name && l.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Gives the lease up early (a job that finished and wants the next run to start on time).</summary>
    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<JobLease>()
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    // The row must exist before the conditional update can claim it. Two instances may both try to
    // create it: an insert that ignores the duplicate keeps that race silent (an EF insert would
    // fail with a logged error on the loser).
    private Task<int> EnsureRowAsync(string name, CancellationToken cancellationToken)
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
            var other => throw new NotSupportedException($"Job leases do not know the provider {other}."),
        };
    }
}
