using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// A deleted client's hosts show nothing (R9): the access gate answers 404 for every page and
/// endpoint during the grace period. Deletion suspends the organization, and the gate asks only
/// for suspended ones, so an active organization costs no query here.
/// </summary>
public sealed class DeletedClients(PortalDbContext db) : IClosedOrganizations
{
    public Task<bool> IsClosedAsync(Guid organizationId, CancellationToken cancellationToken) =>
        // The deletion is its reseller's row; this host only asks whether one names this organization.
        db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().AnyAsync(d => d.ClientId == organizationId && d.PurgedAt == null, cancellationToken);
}
