using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>Which partner owns a deal, case study or dispute a platform admin names by id on the review pages.</summary>
internal static class ProgramOwners
{
    /// <summary>The owning partner of the one row <paramref name="match"/> finds, or null when there is none.</summary>
    public static async Task<TenantInfo?> PartnerOwningAsync<T>(this PortalDbContext db, ITenantStore store, Expression<Func<T, bool>> match, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        // The review pages work across partners: the row is found first, then read inside its partner.
        var partnerId = await db.Set<T>().IgnoreQueryFilters(["Tenant"]).Where(match).Select(r => (Guid?)r.TenantId).FirstOrDefaultAsync(cancellationToken);
        return partnerId is null ? null : await store.FindByIdAsync(partnerId.Value, cancellationToken);
    }
}
