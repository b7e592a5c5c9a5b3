using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// A P5 metric no other source measures (influence ARR, satisfaction, product lines, business plan),
/// as a platform admin last recorded it for the partner; the recalculation reads it as the metric's
/// value. One row per partner and metric, owned by the partner.
/// </summary>
public sealed class PartnerMetricValue : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    /// <summary>One of <see cref="MetricKeys"/>.</summary>
    public required string Key { get; set; }

    public decimal Value { get; set; }

    public DateTime RecordedAt { get; set; }

    public Guid? RecordedByUserId { get; set; }
}
