using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// Rebuilds the reseller dashboard's <see cref="ClientRow"/>s from what they copy, so a row a
/// missed refresh left stale is right again within one interval: job <c>resellers-client-rows</c>,
/// every <c>Resellers:MaintenanceInterval</c>. Resellers that switched the module off are skipped.
/// </summary>
public sealed class ClientRowsRepair(PortalDbContext db, ClientRows rows, IModuleSwitch switches) : IPortalJob
{
    public const string JobName = "resellers-client-rows";

    /// <summary>Refreshes the rows of every client a reseller with the module on is or was linked to; returns how many clients.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Ended links too: their clients' rows must go.
        var links = await db.PartnerClientLinks.AsNoTracking().Select(l => new { l.PartnerId, l.ClientId }).ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ResellersModule.ModuleName, links.Select(l => l.PartnerId), cancellationToken);
        var clients = links.Where(l => on.Contains(l.PartnerId)).Select(l => l.ClientId).Distinct().ToList();
        await rows.RefreshAsync(clients, cancellationToken);
        return clients.Count;
    }
}
