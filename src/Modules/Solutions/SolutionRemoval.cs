using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;

namespace PartnerPortal.Solutions;

/// <summary>
/// S4: archiving hides a solution and keeps everything (restorable any time); deleting hides it too,
/// keeps its records for the operator's grace period (<c>Solutions:DeletionGraceDays</c>, 30 days
/// unless set) and lets an admin restore it until then. Deleted solutions are out of every page's
/// sight: every read of solutions asks for <c>DeletedAt == null</c>; only this service and the purge ask for them.
/// </summary>
public sealed class SolutionRemoval(PortalDbContext db, AuditLog audit, TimeProvider time, IConfiguration configuration)
{
    public const int DefaultGraceDays = 30;

    public int GraceDays => configuration.GetValue("Solutions:DeletionGraceDays", DefaultGraceDays);

    public async Task ArchiveAsync(Solution solution, bool archive, CancellationToken cancellationToken)
    {
        solution.Status = archive ? SolutionStatus.Archived : solution.CurrentVersion is null ? SolutionStatus.Draft : SolutionStatus.Active;
        solution.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(archive ? "solution.archived" : "solution.unarchived", solution.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes after the name was typed; returns the problem instead when it does not match (nothing changes).</summary>
    public async Task<string?> DeleteAsync(Solution solution, string? typedName, CancellationToken cancellationToken)
    {
        if (!string.Equals(typedName?.Trim(), solution.Name, StringComparison.Ordinal)) return $"Type the solution's name, {solution.Name}, exactly to delete it.";
        var now = time.GetUtcNow().UtcDateTime;
        solution.DeletedAt = now;
        solution.PurgeAfter = now.AddDays(GraceDays);
        audit.Record("solution.deleted", $"{solution.Name}: restorable until {solution.PurgeAfter:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The current organization's deleted solutions still in their grace period.</summary>
    public async Task<IReadOnlyList<Solution>> DeletedAsync(CancellationToken cancellationToken) =>
        await db.Set<Solution>().AsNoTracking()
            .Where(s => s.DeletedAt != null).OrderByDescending(s => s.DeletedAt).ToListAsync(cancellationToken);

    /// <summary>Restores one of the current organization's deleted solutions (the tenant filter still applies); null when there is none by that id.</summary>
    public async Task<Solution?> RestoreAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == solutionId && s.DeletedAt != null, cancellationToken);
        if (solution is null) return null;
        solution.DeletedAt = null;
        solution.PurgeAfter = null;
        audit.Record("solution.restored", solution.Name);
        await db.SaveChangesAsync(cancellationToken);
        return solution;
    }
}

/// <summary>
/// Purges deleted solutions whose grace period ended: job <c>solutions-purge</c>. Their records,
/// index rows and versions cascade; the organization's record count drops by what went; pending rule
/// runs go. Organizations that switched Solutions off keep theirs until it is on again. Safe to run twice.
/// </summary>
public sealed partial class SolutionPurge(PortalDbContext db, IModuleSwitch switches, TimeProvider time, ILogger<SolutionPurge> logger) : IPortalJob
{
    public const string JobName = "solutions-purge";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public Task<int> RunAsync(CancellationToken cancellationToken) => PurgeDueAsync(time.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<int> PurgeDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        // Every organization's due deletions: this job's purpose is to cross tenants, by name.
        var due = await db.Set<Solution>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.DeletedAt != null && s.PurgeAfter <= now).Select(s => new { s.Id, s.TenantId, s.Name }).ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(SolutionsModule.ModuleName, due.Select(d => d.TenantId).Distinct(), cancellationToken);
        var purged = 0;
        foreach (var solution in due.Where(d => on.Contains(d.TenantId)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var records = await db.Set<SolutionRecord>().IgnoreQueryFilters(["Tenant"]).CountAsync(r => r.SolutionId == solution.Id, cancellationToken);
            await db.Set<RuleRun>().IgnoreQueryFilters(["Tenant"]).Where(r => r.SolutionId == solution.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<Solution>().IgnoreQueryFilters(["Tenant"]).Where(s => s.Id == solution.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<RecordCounter>().IgnoreQueryFilters(["Tenant"]).Where(c => c.TenantId == solution.TenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count > records ? c.Count - records : 0), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPurged(logger, solution.Name, solution.Id, records);
            purged++;
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the deleted solution {Name} ({Id}) and its {Records} records.")]
    private static partial void LogPurged(ILogger logger, string name, Guid id, int records);
}
