using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Ledger;

public enum DisputeStatus
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>
/// A partner's dispute of one ledger entry (P12), with its reason; a platform admin accepts it (with
/// a correcting entry) or rejects it with a reason. Owned by the partner.
/// </summary>
public sealed class LedgerDispute : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public Guid LedgerEntryId { get; set; }

    public required string Reason { get; set; }

    public DisputeStatus Status { get; set; }

    /// <summary>The platform admin's answer: why rejected, or what the correction does.</summary>
    public string? Resolution { get; set; }

    /// <summary>The correcting entry written when the dispute was accepted.</summary>
    public Guid? CorrectionEntryId { get; set; }

    public Guid RaisedByUserId { get; set; }

    public DateTime RaisedAt { get; set; }

    public Guid? ResolvedByUserId { get; set; }

    public DateTime? ResolvedAt { get; set; }
}
