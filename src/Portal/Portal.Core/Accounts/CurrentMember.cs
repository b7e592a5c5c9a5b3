using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>The signed-in user's membership in the current organization, read once per request.</summary>
public sealed class CurrentMember(PortalDbContext db, IHttpContextAccessor http)
{
    private Membership? _membership;
    private bool _loaded;

    public Guid? UserId =>
        Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>
    /// True while a reseller user is logged in as this client and the session check passed. Such a
    /// session may do what an owner does except change owners or transfer or delete the account.
    /// </summary>
    public bool IsImpersonating => http.HttpContext?.Features.Get<OpenImpersonation>() is not null && http.HttpContext.User.IsImpersonating();

    public async Task<Membership?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded) return _membership;
        _loaded = true;
        if (UserId is not { } userId || db.CurrentTenantId is not { } tenantId) return null;
        if (http.HttpContext?.User.IsImpersonating() == true)
        {
            // R5: a checked impersonation acts as the client's owner (never stored); pages that change
            // owners or delete the account refuse it through IsImpersonating. Unchecked claims get nothing.
            _membership = IsImpersonating ? new Membership { Id = Guid.Empty, TenantId = tenantId, UserId = userId, Role = OrganizationRole.Owner } : null;
        }
        else
        {
            // The "Tenant" filter limits this to the current organization; a deactivated member reaches nothing (R13).
            _membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.DeactivatedAt == null, cancellationToken);
        }

        return _membership;
    }

    /// <summary>Who is asking, on which host; audiences are checked against it (<see cref="Audience.Admits"/>).</summary>
    public async Task<Viewer> ViewerAsync(CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var tenancy = context?.Tenancy();
        var signedIn = context?.User.Identity?.IsAuthenticated == true;
        var membership = signedIn && tenancy?.Tenant is not null ? await GetAsync(cancellationToken) : null;
        return new Viewer(
            tenancy?.Tenant,
            OnPlatformHost: tenancy?.IsPlatform == true,
            SignedIn: signedIn,
            IsPlatformAdmin: signedIn && context!.User.HasClaim(PortalClaims.PlatformAdmin, "true"),
            Membership: membership,
            IsImpersonating: IsImpersonating);
    }

    /// <summary>The viewer <paramref name="user"/> is once the session just signed in comes back (the request itself is still anonymous).</summary>
    public async Task<Viewer> ViewerAfterSignInAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var tenancy = http.HttpContext?.Tenancy();
        var membership = tenancy?.Tenant is null
            ? null
            : await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == user.Id && m.DeactivatedAt == null, cancellationToken);
        return new Viewer(tenancy?.Tenant, tenancy?.IsPlatform == true, SignedIn: true, IsPlatformAdmin: tenancy?.IsPlatform == true && user.IsPlatformAdmin, membership, IsImpersonating: false);
    }

    public async Task<bool> HasRoleAsync(OrganizationRole atLeast, CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) is { } membership && membership.Role >= atLeast;
}
