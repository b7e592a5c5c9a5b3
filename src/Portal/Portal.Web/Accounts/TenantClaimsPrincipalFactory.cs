using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Accounts;

/// <summary>
/// Stamps every session with the tenant it was issued on; <see cref="TenantBoundCookie"/> rejects
/// it on any other host's tenant.
/// </summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    IOptions<IdentityOptions> options,
    ITenantContext tenants) : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.Tenant, tenants.Current?.Id.ToString() ?? PortalClaims.PlatformTenant));
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(TwoFactorPolicy.Claim, "true"));
        if (user.IsPlatformAdmin && tenants.Current is null)
        {
            identity.AddClaim(new Claim(PortalClaims.PlatformAdmin, "true"));
        }

        return identity;
    }
}
