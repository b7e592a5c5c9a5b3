using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// A partner actively managing a client account (P3): made by a qualifying activity of one of its
/// people (or credited to it) in the account, ended at once when its access goes (P4), by the
/// partner, or <see cref="ProgramSettings.ManagedInactivityDays"/> after the last activity. A later
/// activity after the end starts a new relationship. Owned by the partner.
/// </summary>
public sealed class ManagedRelationship : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The client account managed.</summary>
    public Guid AccountId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    /// <summary>The kind of the last qualifying activity, e.g. <c>solutions.published</c>.</summary>
    public required string LastActivityKind { get; set; }

    public Guid? LastActivityUserId { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended, in the partner's words.</summary>
    public string? EndReason { get; set; }
}

/// <summary>A partner's current tier (P1) and, while a demotion waits, since when it is below it. One row per partner.</summary>
public sealed class PartnerTier : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The tier held; null below the lowest.</summary>
    public string? Tier { get; set; }

    /// <summary>The rank of <see cref="Tier"/> (0 none), so other modules order partners without the program's settings.</summary>
    public int Rank { get; set; }

    /// <summary>Points of the last recalculation.</summary>
    public decimal Points { get; set; }

    /// <summary>The period of the last recalculation.</summary>
    public DateOnly Period { get; set; }

    /// <summary>Set while the points are below the held tier's threshold.</summary>
    public DateOnly? BelowSince { get; set; }

    /// <summary>When the waiting demotion takes effect, if the points do not come back.</summary>
    public DateOnly? GraceUntil { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>One change of a partner's tier (P11: tier history).</summary>
public sealed class TierChange : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public string? FromTier { get; set; }

    public string? ToTier { get; set; }

    public decimal Points { get; set; }

    public DateOnly Period { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A certification or specialization badge a partner earned (P5, P7), granted by the platform.</summary>
public sealed class PartnerBadge : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>"Certification", or the specialization's kind ("Industry vertical", "Product line").</summary>
    public required string Kind { get; set; }

    public DateTime EarnedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Earned by the recalculation because the specialization's rule holds (P7); it revokes it when the rule no longer does. Platform admins' grants are false and never touched by it.</summary>
    public bool AutoEarned { get; set; }
}

/// <summary>
/// A partner's points for one month by source, as the recalculation left them (corrections
/// included), so the program page costs the same with 100 ledger entries or 100,000.
/// </summary>
public sealed class PartnerPeriod : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public DateOnly Period { get; set; }

    public decimal Points { get; set; }

    /// <summary>Points that count toward the lowest tier (all but Partnership).</summary>
    public decimal PointsForLowestTier { get; set; }

    public decimal SoldPoints { get; set; }

    public int SoldAccounts { get; set; }

    public decimal ManagedPoints { get; set; }

    public int ManagedAccounts { get; set; }

    public decimal BadgePoints { get; set; }

    public decimal DealPoints { get; set; }

    public decimal CaseStudyPoints { get; set; }

    public decimal MetricPoints { get; set; }

    public decimal CorrectionPoints { get; set; }

    /// <summary>Referral commission earned, in the program currency.</summary>
    public decimal Commission { get; set; }

    public required string Currency { get; set; }

    public int Entries { get; set; }
}
