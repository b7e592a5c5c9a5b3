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
        // Every reseller's deletions (their own rows): the job works for each reseller whose module is on.
        var due = await db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).Where(d => d.PurgedAt == null && d.PurgeAfter <= now).ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ResellersModule.ModuleName, due.Select(d => d.TenantId), cancellationToken);
        due.RemoveAll(d => !on.Contains(d.TenantId));
        foreach (var deletion in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var id = deletion.ClientId;
            // Rows that point at the organization without cascading go first; the organization's own rows cascade with it.
            await db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).Where(a => a.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.PartnerClientLinks.Where(l => l.ClientId == id || l.PartnerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"]).Where(r => r.TenantId == id || r.ResellerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ClientRow>().IgnoreQueryFilters(["Tenant"]).Where(r => r.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Organizations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).Where(d => d.Id == deletion.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.PurgedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPurged(logger, deletion.ClientName, id);
        }

        if (due.Count > 0) await store.EvictAllAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the deleted client account {Name} ({Id}).")]
    private static partial void LogPurged(ILogger logger, string name, Guid id);
}
