using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Ledger;

/// <summary>Where a ledger entry's points come from (P2–P5, P12).</summary>
public enum PointSource
{
    /// <summary>MRR of a subscription the partner sold (a reseller-billed client's plan).</summary>
    SoldMrr = 0,

    /// <summary>MRR of an account the partner actively manages, split among the partners managing it.</summary>
    ManagedMrr = 1,

    /// <summary>A certification or specialization badge.</summary>
    Badge = 2,

    /// <summary>An approved deal registration, weighted by its stage.</summary>
    Deal = 3,

    /// <summary>An approved customer case study.</summary>
    CaseStudy = 4,

    /// <summary>Another P5 metric (growth, satisfaction, business plan, product lines).</summary>
    Metric = 5,

    /// <summary>A platform admin's correction, e.g. accepting a dispute.</summary>
    Correction = 6,

    /// <summary>The referral commission of a client-billed client (R14): money, no points.</summary>
    Referral = 7,
}

/// <summary>
/// One line of a partner's points ledger (P12): every point the program counts is one of these,
/// naming its source — which account, which MRR in which currency and in the program currency,
/// which month, which badge or deal, and how many ways it was split. Owned by the partner.
/// The recalculation writes a period's entries under a stable <see cref="SourceKey"/>, so running
/// it twice for a period changes nothing.
/// </summary>
public sealed class LedgerEntry : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The month the points are for (its first day).</summary>
    public DateOnly Period { get; set; }

    public PointSource Source { get; set; }

    /// <summary>
    /// What makes the entry unique within its partner and period, e.g. <c>sold:{accountId}</c>,
    /// <c>managed:{accountId}</c>, <c>badge:{name}</c>, <c>deal:{dealId}</c>; a correction's is its own id.
    /// </summary>
    public required string SourceKey { get; set; }

    public decimal Points { get; set; }

    /// <summary>The client account the points come from (sold or managed MRR, referral), if any.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The account's name when the entry was written (the ledger reads as it was).</summary>
    public string? AccountName { get; set; }

    /// <summary>The MRR counted, in its own currency (before the split).</summary>
    public decimal? Mrr { get; set; }

    /// <summary>ISO 4217 code of <see cref="Mrr"/>.</summary>
    public string? MrrCurrency { get; set; }

    /// <summary>The partner's share of the MRR in the program currency (after conversion and split).</summary>
    public decimal? ProgramMrr { get; set; }

    /// <summary>How many partners shared the account's managed MRR (1: not split).</summary>
    public int SplitWays { get; set; } = 1;

    /// <summary>The badge, deal or case study named by the entry, if any.</summary>
    public Guid? ReferenceId { get; set; }

    /// <summary>The entry in the user's words, e.g. "Managed MRR of Tailspin Toys, 1,200 EUR, split 2 ways".</summary>
    public required string Description { get; set; }

    /// <summary>Money the entry earns in the program currency (a referral commission, R14); null for points only.</summary>
    public decimal? Commission { get; set; }

    /// <summary>For a correction: the entry it corrects.</summary>
    public Guid? CorrectsEntryId { get; set; }

    public DateTime CreatedAt { get; set; }
}
