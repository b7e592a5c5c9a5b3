using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

/// <summary>The signed-in user's membership in the current organization, read once per request.</summary>
public sealed class CurrentMember(PortalDbContext db, IHttpContextAccessor http)
{
    private Membership? _membership;
    private bool _loaded;

    public Guid? UserId =>
        Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public async Task<Membership?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded) return _membership;
        _loaded = true;
        if (UserId is { } userId && db.CurrentTenantId is not null)
        {
            // The "Tenant" filter limits this to the current organization; a deactivated member reaches nothing (R13).
            _membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.DeactivatedAt == null, cancellationToken);
        }

        return _membership;
    }

    public async Task<bool> HasRoleAsync(OrganizationRole atLeast, CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) is { } membership && membership.Role >= atLeast;
}
