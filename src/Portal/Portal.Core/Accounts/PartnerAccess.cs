using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

/// <summary>What a partner user may do with its organization's clients (R13, R15).</summary>
public sealed record PartnerRights(bool IsPartnerAdmin, bool SeesPrices, bool ReachesAllClients);

/// <summary>
/// Answers "may this partner user enter that client?" from the partner–client link, the user's
/// membership in the partner and the client access manager's assignments. Every path into a client
/// (dashboard rows, log in as client, white-label editing) asks here.
/// </summary>
public sealed class PartnerAccess(PortalDbContext db)
{
    /// <summary>The user's rights in the partner, or null when they have no active membership there or it is not a partner.</summary>
    public async Task<PartnerRights?> RightsAsync(Guid partnerId, Guid userId, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == partnerId && m.UserId == userId && m.DeactivatedAt == null)
            .Join(db.Organizations.Where(o => o.Kind == OrganizationKind.Partner), m => m.TenantId, o => o.Id, (m, _) => new { m.Role, m.SupportSpecialist })
            .SingleOrDefaultAsync(cancellationToken);
        if (membership is null) return null;
        var admin = membership.Role >= OrganizationRole.Admin;
        return new PartnerRights(admin, SeesPrices: !membership.SupportSpecialist, ReachesAllClients: admin);
    }

    /// <summary>True when the partner has an active link to the client and the user is a partner admin or assigned to that client.</summary>
    public async Task<bool> CanEnterAsync(Guid partnerId, Guid userId, Guid clientId, CancellationToken cancellationToken = default)
    {
        if (await RightsAsync(partnerId, userId, cancellationToken) is not { } rights) return false;
        var linked = await db.PartnerClientLinks.AsNoTracking()
            .AnyAsync(l => l.PartnerId == partnerId && l.ClientId == clientId && l.EndedAt == null, cancellationToken);
        if (!linked) return false;
        return rights.ReachesAllClients || await db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .AnyAsync(a => a.TenantId == partnerId && a.UserId == userId && a.ClientId == clientId, cancellationToken);
    }
}
