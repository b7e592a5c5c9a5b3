using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>A client a consultant serves: enough to name it in a form.</summary>
public sealed record ConsultantClient(Guid Id, string Name);

/// <summary>
/// Which clients a consultant serves for a partner: those where they hold an open consultant seat
/// for that partner (taking one required a certification; a lapsed one keeps the seat working,
/// C1). Billing asks only this, not the seat rows themselves.
/// </summary>
public interface IConsultantClients
{
    /// <summary>The clients <paramref name="consultantUserId"/> serves as a consultant of <paramref name="partnerId"/>, by name.</summary>
    Task<IReadOnlyList<ConsultantClient>> ClientsOfAsync(Guid consultantUserId, Guid partnerId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads the consultant's seats: open seats (not ended) held for the partner in its clients, while
/// the consultant is one of the partner's active people.
/// </summary>
public sealed class SeatedConsultantClients(PortalDbContext db) : IConsultantClients
{
    public async Task<IReadOnlyList<ConsultantClient>> ClientsOfAsync(Guid consultantUserId, Guid partnerId, CancellationToken cancellationToken = default)
    {
        // This service is the relationship check: the consultant's membership of the partner and their seats in its clients.
        var ofPartner = await db.Memberships.IgnoreQueryFilters(["Tenant"])
            .AnyAsync(m => m.TenantId == partnerId && m.UserId == consultantUserId && m.DeactivatedAt == null, cancellationToken);
        if (!ofPartner) return [];
        var clientIds = await db.Set<Seats.ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.UserId == consultantUserId && s.PartnerId == partnerId && s.EndedAt == null)
            .Select(s => s.TenantId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await db.Organizations.AsNoTracking()
            .Where(o => clientIds.Contains(o.Id))
            .OrderBy(o => o.Name)
            .Select(o => new ConsultantClient(o.Id, o.Name))
            .ToListAsync(cancellationToken);
    }
}
