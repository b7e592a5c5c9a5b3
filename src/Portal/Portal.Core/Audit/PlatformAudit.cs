using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Audit;

/// <summary>
/// One action of a platform admin on the platform host (A1): marking partners, creating
/// organizations, plans, modules, certifications, program settings, … The platform's own rows
/// (<see cref="IMayBelongToPlatform.Platform"/>): written only while no organization is current,
/// and hidden from every organization by the tenant filter.
/// </summary>
public class PlatformAuditEntry : IMayBelongToPlatform, IAuditRow
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public DateTime At { get; set; }

    /// <summary>A stable dotted name: <c>platform.organization_created</c>, <c>partner_program.changed</c>, …</summary>
    public required string Action { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The admin's e-mail address at the time, kept even if the user is later deleted.</summary>
    public string? UserEmail { get; set; }

    /// <summary>What changed, in words.</summary>
    public string? Detail { get; set; }

    /// <summary>The organization the action concerned, when it concerned one.</summary>
    public Guid? OrganizationId { get; set; }

    public string? IpAddress { get; set; }
}

/// <summary>
/// Adds platform audit entries to the current unit of work; they are saved with the change they
/// describe. Only on the platform host (no current organization): an organization's own actions
/// go to <see cref="AuditLog"/>.
/// </summary>
public sealed class PlatformAudit(PortalDbContext db, IHttpContextAccessor http, ITenantContext tenants, TimeProvider time)
{
    /// <summary>Whether this request recorded an entry (the safety net of unrecorded platform actions reads it).</summary>
    public bool Recorded { get; private set; }

    public PlatformAuditEntry Record(string action, string? detail = null, Guid? organizationId = null, Guid? userId = null, string? userEmail = null)
    {
        // Fail closed: with an organization current, the save would stamp the row as that organization's.
        if (tenants.Current is not null) throw new InvalidOperationException($"The platform audit entry '{action}' must be recorded while no organization is current.");
        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var signedIn = principal.Identity?.IsAuthenticated == true;
        var entry = new PlatformAuditEntry
        {
            TenantId = IMayBelongToPlatform.Platform,
            Action = action,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            At = time.GetUtcNow().UtcDateTime,
            OrganizationId = organizationId,
            UserId = userId ?? (signedIn && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null),
            UserEmail = Clip(userEmail ?? (signedIn ? principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name : null), 254),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
        db.Add(entry);
        Recorded = true;
        return entry;
    }

    private static string? Clip(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}

/// <summary>
/// Where a person's own account actions are filed (sign-in, password, sessions, two-factor): in the
/// organization of this host, or in the platform audit on the platform host.
/// </summary>
public sealed class HostAudit(AuditLog audit, PlatformAudit platform, ITenantContext tenants)
{
    public void Record(string action, string? detail, Guid? userId = null, string? userEmail = null)
    {
        if (tenants.Current is null) platform.Record(action, detail, userId: userId, userEmail: userEmail);
        else audit.Record(action, detail, userId, userEmail);
    }
}
