using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>A client a consultant serves: enough to name it in a form.</summary>
public sealed record ConsultantClient(Guid Id, string Name);

/// <summary>
/// Which clients a consultant serves for a partner: those where the consultant, certified with
/// that partner, holds a consultant seat (C1, C3). Billing asks only this, so it does not read the
/// seat and certification tables of its own module's other half.
/// </summary>
public interface IConsultantClients
{
    /// <summary>The clients <paramref name="consultantUserId"/> serves as a consultant of <paramref name="partnerId"/>, by name.</summary>
    Task<IReadOnlyList<ConsultantClient>> ClientsOfAsync(Guid consultantUserId, Guid partnerId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads seats from the kernel's memberships: an active membership this module manages (a free
/// consultant seat) in a client, held by an active member of the partner. Certification is the
/// seats half's to add once its rows exist (a seat already requires it when taken).
/// </summary>
public sealed class SeatedConsultantClients(PortalDbContext db) : IConsultantClients
{
    public async Task<IReadOnlyList<ConsultantClient>> ClientsOfAsync(Guid consultantUserId, Guid partnerId, CancellationToken cancellationToken = default)
    {
        // This service is the relationship check: the consultant's own memberships, on both sides.
        var ofPartner = await db.Memberships.IgnoreQueryFilters(["Tenant"])
            .AnyAsync(m => m.TenantId == partnerId && m.UserId == consultantUserId && m.DeactivatedAt == null, cancellationToken);
        if (!ofPartner) return [];
        return await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.UserId == consultantUserId && m.TenantId != partnerId && m.DeactivatedAt == null
                        && m.ManagedBy == ConsultantSeatsModule.ModuleName && m.FreeSeat != null)
            .Join(db.Organizations, m => m.TenantId, o => o.Id, (m, o) => o)
            .OrderBy(o => o.Name)
            .Select(o => new ConsultantClient(o.Id, o.Name))
            .ToListAsync(cancellationToken);
    }
}
