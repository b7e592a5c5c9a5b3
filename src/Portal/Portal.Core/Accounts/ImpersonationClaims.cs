using System.Security.Claims;

namespace PartnerPortal.Accounts;

/// <summary>
/// Claims a session carries while a reseller user is logged in as a client (R5, DESIGN.md "Log in
/// as client"): the principal is the reseller user, acting in the client organization.
/// </summary>
public static class ImpersonationClaims
{
    /// <summary>The impersonation's id; present only in an impersonation session.</summary>
    public const string Id = "imp_id";

    /// <summary>The reseller organization the user acts for.</summary>
    public const string ResellerId = "imp_reseller";

    public const string ResellerName = "imp_reseller_name";

    public static bool IsImpersonating(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == Id);

    /// <summary>The reseller organization when <paramref name="principal"/> is impersonating; otherwise null.</summary>
    public static Guid? ImpersonatingResellerId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ResellerId), out var id) && principal.IsImpersonating() ? id : null;
}

/// <summary>
/// An impersonation the current request has checked against its stored session (set as a request
/// feature by the session check). Only with it does an impersonating principal act in the client:
/// claims alone never grant access.
/// </summary>
/// <param name="EndsAt">When the session ends unless used (idle timeout) or at the latest (absolute cap).</param>
public sealed record OpenImpersonation(Guid Id, Guid ResellerId, string ResellerName, DateTime EndsAt);
