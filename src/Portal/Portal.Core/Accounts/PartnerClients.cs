using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// The client accounts the current organization serves as a partner, through an active
/// partner–client link (A2). Organizations and links are global rows, so this reads no tenant data;
/// a caller that needs a client's own rows switches to the tenant <see cref="FindAsync"/> returns.
/// </summary>
public sealed class PartnerClients(PortalDbContext db, ITenantContext tenants, ITenantStore store)
{
    /// <summary>The client, when the current organization is a partner with an active link to it; otherwise null.</summary>
    public async Task<TenantInfo?> FindAsync(Guid clientId, CancellationToken cancellationToken = default)
    {
        if (tenants.Current is not { Kind: OrganizationKind.Partner } partner) return null;
        var linked = await db.PartnerClientLinks.AsNoTracking()
            .AnyAsync(l => l.PartnerId == partner.Id && l.ClientId == clientId && l.EndedAt == null, cancellationToken);
        return linked ? await store.FindByIdAsync(clientId, cancellationToken) : null;
    }
}
