using PartnerPortal.Data;

namespace PartnerPortal.Audit;

/// <summary>One security-relevant action in an organization (A1).</summary>
public class AuditEntry : ITenantOwned, IAuditRow
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public DateTime At { get; set; }

    /// <summary>A stable dotted name: <c>signin.succeeded</c>, <c>member.role_changed</c>, …</summary>
    public required string Action { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The e-mail address at the time, kept even if the user is later deleted.</summary>
    public string? UserEmail { get; set; }

    /// <summary>The reseller user acting for the account while impersonating (R5), else null.</summary>
    public Guid? ActingUserId { get; set; }

    public string? ActingUserEmail { get; set; }

    public string? Detail { get; set; }

    public string? IpAddress { get; set; }
}
