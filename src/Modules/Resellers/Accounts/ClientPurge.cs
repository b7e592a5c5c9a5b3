using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// Removes deleted client accounts once their grace period has passed (R9): job
/// <c>resellers-client-purge</c>, every <c>Resellers:MaintenanceInterval</c>. A reseller that
/// switched the Resellers module off keeps its deleted clients until the module is on again.
/// Safe to run twice: a purged deletion is not due any more.
/// </summary>
public sealed partial class ClientPurge(PortalDbContext db, ITenantStore store, IModuleSwitch switches, TimeProvider time, ILogger<ClientPurge> logger) : IPortalJob
{
    public const string JobName = "resellers-client-purge";

    public Task<int> RunAsync(CancellationToken cancellationToken) => PurgeDueAsync(time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Purges every deletion whose grace period ended before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> PurgeDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var due = await db.Set<ClientDeletion>().Where(d => d.PurgedAt == null && d.PurgeAfter <= now).ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ResellersModule.ModuleName, due.Select(d => d.ResellerId), cancellationToken);
        due.RemoveAll(d => !on.Contains(d.ResellerId));
        foreach (var deletion in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var id = deletion.ClientId;
            // Rows that point at the organization without cascading go first; the organization's own rows cascade with it.
            await db.PartnerClientAssignments.IgnoreQueryFilters([PortalDbContext.TenantFilter]).Where(a => a.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.PartnerClientLinks.Where(l => l.ClientId == id || l.PartnerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ConnectRequest>().Where(r => r.AccountId == id || r.ResellerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ClientRow>().Where(r => r.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Organizations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
            deletion.PurgedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPurged(logger, deletion.ClientName, id);
        }

        if (due.Count > 0) await store.EvictAllAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the deleted client account {Name} ({Id}).")]
    private static partial void LogPurged(ILogger logger, string name, Guid id);
}
