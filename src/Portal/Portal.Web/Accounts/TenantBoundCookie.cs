using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Accounts;

/// <summary>
/// A session cookie is valid only for the tenant it was issued on (host-only cookies make that the
/// normal case; this makes it a rule), and only while the <see cref="UserSession"/> it names is open
/// (A6: signing out, a password change or reset, and ending a session end the cookie at once).
/// </summary>
public static class TenantBoundCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var expected = context.HttpContext.Tenancy()?.Tenant?.Id.ToString() ?? PortalClaims.PlatformTenant;
        var issuedFor = context.Principal?.FindFirst(PortalClaims.Tenant)?.Value;
        if (issuedFor != expected || !await SessionCookie.IsOpenAsync(context.HttpContext, context.Principal!))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

/// <summary>
/// Ties the session cookie to a <see cref="UserSession"/>: signing in starts one (or keeps the
/// current one when the same person's sign-in is refreshed on the same host), signing out ends it,
/// and a security-stamp refresh carries its claim over.
/// </summary>
public static class SessionCookie
{
    public static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == UserSessions.Claim)) return;
        if (!Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId)) return;
        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<UserSessions>();

        // A refresh (password changed, two-factor turned on) keeps this browser's session.
        var current = http.User;
        if (current.FindFirst(ClaimTypes.NameIdentifier)?.Value == userId.ToString()
            && current.FindFirst(PortalClaims.Tenant)?.Value == identity.FindFirst(PortalClaims.Tenant)?.Value
            && SessionOf(current) is { } kept && await sessions.IsOpenAsync(kept, userId, http.RequestAborted))
        {
            identity.AddClaim(new Claim(UserSessions.Claim, kept.ToString()));
            return;
        }

        var id = await sessions.StartAsync(userId, http.Request.Host.Host, http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        identity.AddClaim(new Claim(UserSessions.Claim, id.ToString()));
    }

    public static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        var user = context.HttpContext.User;
        if (SessionOf(user) is { } id && Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                .EndAsync(userId, id, SessionEndReasons.SignedOut, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>A cookie without a session (issued before sessions were recorded) is not open.</summary>
    public static async Task<bool> IsOpenAsync(HttpContext http, ClaimsPrincipal principal) =>
        SessionOf(principal) is { } id
        && Guid.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId)
        && await http.RequestServices.GetRequiredService<UserSessions>().IsOpenAsync(id, userId, http.RequestAborted);

    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(UserSessions.Claim)?.Value, out var id) ? id : null;

    /// <summary>A security-stamp refresh builds a new principal: it keeps naming the same session.</summary>
    public static Task RefreshingAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(UserSessions.Claim) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == UserSessions.Claim))
        {
            identity.AddClaim(new Claim(UserSessions.Claim, claim.Value));
        }

        return Task.CompletedTask;
    }
}
