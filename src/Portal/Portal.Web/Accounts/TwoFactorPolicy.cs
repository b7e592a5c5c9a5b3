using System.Security.Claims;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Accounts;

/// <summary>
/// Who the platform requires to sign in with two factors (A6): settings <c>Accounts:TwoFactor:PlatformAdmins</c>
/// and <c>Accounts:TwoFactor:PartnerStaff</c>. An organization's owners can require it of their own people too
/// (<see cref="Organization.RequireTwoFactor"/>).
/// </summary>
public sealed class TwoFactorOptions
{
    /// <summary>Platform admins, on the platform host.</summary>
    public bool PlatformAdmins { get; set; }

    /// <summary>Partners' people (who can log in as their clients), on their partner's host.</summary>
    public bool PartnerStaff { get; set; }
}

/// <summary>Whether a session must have signed in with two factors here, and whether it did (a claim set at sign-in).</summary>
public sealed class TwoFactorPolicy(IOptions<TwoFactorOptions> options)
{
    /// <summary>"true" on a session whose person has two-factor sign-in on.</summary>
    public const string Claim = "two_factor";

    public const string SetUpPath = "/account/two-factor";

    public bool Requires(ClaimsPrincipal user, TenantInfo? tenant) =>
        tenant is null
            ? options.Value.PlatformAdmins && user.HasClaim(PortalClaims.PlatformAdmin, "true")
            : tenant.RequiresTwoFactor || (options.Value.PartnerStaff && tenant.Kind == OrganizationKind.Partner);

    public static bool IsOn(ClaimsPrincipal user) => user.HasClaim(Claim, "true");
}

/// <summary>
/// Sends a signed-in person who must use two factors here, and has not turned them on, to turn them
/// on first: every page but the account pages answers with a redirect there (a POST with 403).
/// </summary>
public sealed class TwoFactorGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TwoFactorPolicy policy)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !TwoFactorPolicy.IsOn(user)
            && !context.Request.Path.StartsWithSegments("/account") && context.GetEndpoint() is not null
            && policy.Requires(user, context.Tenancy()?.Tenant))
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) context.Response.Redirect(TwoFactorPolicy.SetUpPath);
            else context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }
}
