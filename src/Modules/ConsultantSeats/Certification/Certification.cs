using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Certification;

/// <summary>
/// A platform admin's word that a person is a certified consultant of a partner (C1), at a level
/// or for a product, until a date. Owned by the partner organization; only a consultant with an
/// active certification takes a new seat, and a lapsed one keeps the seats they hold.
/// </summary>
public class ConsultantCertification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization the consultant works for.</summary>
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The level or product, in the platform's words ("Certified consultant", "Solutions builder").</summary>
    public required string Level { get; set; }

    /// <summary>The last day the certification holds (UTC); it has lapsed from the day after.</summary>
    public DateOnly ValidUntil { get; set; }

    public DateTime GrantedAt { get; set; }

    public Guid GrantedByUserId { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid? RevokedByUserId { get; set; }

    public string? RevokeReason { get; set; }

    /// <summary>When the reminder 30 days before the end was sent; claimed once (the expiry job).</summary>
    public DateTime? ReminderSentAt { get; set; }

    /// <summary>When the consultant was told the certification has lapsed; claimed once.</summary>
    public DateTime? LapsedNoticeSentAt { get; set; }

    public bool IsActive(DateOnly today) => RevokedAt is null && ValidUntil >= today;

    /// <summary>The certification's state in a person's words, as of <paramref name="today"/>.</summary>
    public string Describe(DateOnly today) =>
        RevokedAt is not null ? $"revoked on {RevokedAt.Value:yyyy-MM-dd}"
        : ValidUntil < today ? $"lapsed on {ValidUntil.AddDays(1):yyyy-MM-dd}"
        : $"valid until {ValidUntil:yyyy-MM-dd}";
}
