using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>Whose account a host serves: platform admins on the platform host, members on an organization's host.</summary>
public static class HostAccess
{
    /// <summary>Reads the current tenant's memberships, so <paramref name="tenant"/> must be the current tenant.</summary>
    public static async Task<bool> ServesAsync(PortalDbContext db, PortalUser user, TenantInfo? tenant, CancellationToken cancellationToken = default) =>
        tenant is null
            ? user.IsPlatformAdmin
            : await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken);
}
