using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>How far a registered opportunity has come; approved deals count toward P5 weighted by stage.</summary>
public enum DealStage
{
    Qualified = 0,
    Proposal = 1,
    Negotiation = 2,
    Won = 3,
    Lost = 4,
}

public enum DealReview
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A partner's registered opportunity (P8): customer, expected ARR, stage and close date. Platform
/// admins approve or reject it with a reason; a second registration of the same customer is flagged.
/// Owned by the partner.
/// </summary>
public sealed class DealRegistration : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public required string Customer { get; set; }

    /// <summary>The customer's name folded for comparison (case, spacing, punctuation, legal suffixes), to flag duplicates.</summary>
    public required string CustomerKey { get; set; }

    public decimal ExpectedArr { get; set; }

    /// <summary>ISO 4217 code of <see cref="ExpectedArr"/>.</summary>
    public required string Currency { get; set; }

    public DealStage Stage { get; set; }

    public DateOnly CloseDate { get; set; }

    public DealReview Review { get; set; }

    /// <summary>Why it was rejected (required then), or a note with the approval.</summary>
    public string? ReviewReason { get; set; }

    /// <summary>Another registration of the same customer exists (by any partner) when this one was registered.</summary>
    public bool PossibleDuplicate { get; set; }

    public Guid RegisteredByUserId { get; set; }

    public DateTime RegisteredAt { get; set; }

    public Guid? ReviewedByUserId { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>When the deal reached <see cref="DealStage.Won"/>: it then earns the deal-registration discount.</summary>
    public DateTime? WonAt { get; set; }
}
