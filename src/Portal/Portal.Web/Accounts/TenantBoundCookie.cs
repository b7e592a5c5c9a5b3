using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Accounts;

/// <summary>A session cookie is valid only for the tenant it was issued on (host-only cookies make that the normal case; this makes it a rule).</summary>
public static class TenantBoundCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var expected = context.HttpContext.Tenancy()?.Tenant?.Id.ToString() ?? PortalClaims.PlatformTenant;
        var issuedFor = context.Principal?.FindFirst(PortalClaims.Tenant)?.Value;
        if (issuedFor != expected)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
