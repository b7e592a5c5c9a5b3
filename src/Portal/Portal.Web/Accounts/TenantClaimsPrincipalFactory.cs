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
    public const string TenantClaim = "tenant";
    public const string PlatformTenant = "platform";
    public const string PlatformAdminClaim = "platform_admin";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaim, tenants.Current?.Id.ToString() ?? PlatformTenant));
        if (user.IsPlatformAdmin && tenants.Current is null)
        {
            identity.AddClaim(new Claim(PlatformAdminClaim, "true"));
        }

        return identity;
    }
}
