using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PartnerPortal.Data;

namespace PartnerPortal.Audit;

/// <summary>
/// Adds audit entries to the current unit of work (A1); they are saved with the change they
/// describe. The acting user comes from the request unless the caller names one (sign-in).
/// </summary>
public sealed class AuditLog(PortalDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public const string ActorClaim = "act_sub";
    public const string ActorEmailClaim = "act_email";

    public AuditEntry Record(string action, string? detail = null, Guid? userId = null, string? userEmail = null)
    {
        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var signedIn = principal.Identity?.IsAuthenticated == true;
        var entry = new AuditEntry
        {
            Action = action,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            At = time.GetUtcNow().UtcDateTime,
            UserId = userId ?? (signedIn && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null),
            UserEmail = userEmail ?? (signedIn ? principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name : null),
            ActingUserId = Guid.TryParse(principal.FindFirstValue(ActorClaim), out var actor) ? actor : null,
            ActingUserEmail = principal.FindFirstValue(ActorEmailClaim),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
