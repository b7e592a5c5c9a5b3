using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// Hooks impersonation into the host's session cookie without the host knowing about it: every
/// request of an impersonation session is checked against its stored session (timeouts, ended,
/// revoked link) and signed out when it is over; signing out ends the session; a security-stamp
/// refresh keeps the impersonation claims.
/// </summary>
internal sealed class ImpersonationCookie : IPostConfigureOptions<CookieAuthenticationOptions>, IPostConfigureOptions<SecurityStampValidatorOptions>
{
    private static readonly string[] CarriedClaims =
        [ImpersonationClaims.Id, ImpersonationClaims.ResellerId, ImpersonationClaims.ResellerName, AuditLog.ActorClaim, AuditLog.ActorEmailClaim];

    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != IdentityConstants.ApplicationScheme) return;
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            if (context.Principal?.IsImpersonating() != true) return;
            var sessions = context.HttpContext.RequestServices.GetRequiredService<ImpersonationSessions>();
            if (await sessions.ValidateAsync(context.Principal, context.HttpContext.RequestAborted) is { } open)
            {
                context.HttpContext.Features.Set(open);
                return;
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        };

        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSigningOut = async context =>
        {
            await signingOut(context);
            if (context.HttpContext.Features.Get<OpenImpersonation>() is { } open)
            {
                await context.HttpContext.RequestServices.GetRequiredService<ImpersonationSessions>()
                    .EndAsync(open.Id, ImpersonationEndReasons.SignedOut, context.HttpContext.RequestAborted);
                context.HttpContext.Features.Set<OpenImpersonation>(null);
            }
        };
    }

    public void PostConfigure(string? name, SecurityStampValidatorOptions options)
    {
        var refreshing = options.OnRefreshingPrincipal;
        options.OnRefreshingPrincipal = async context =>
        {
            if (refreshing is not null) await refreshing(context);
            if (context.CurrentPrincipal?.IsImpersonating() != true || context.NewPrincipal?.Identity is not ClaimsIdentity identity) return;
            identity.AddClaims(context.CurrentPrincipal.Claims.Where(c => CarriedClaims.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)));
        };
    }
}
