using PartnerPortal.Data;

namespace PartnerPortal.Billing;

/// <summary>
/// A plan of the platform (R6, R7), defined by the platform admin. Limits are null when the plan
/// has none; <see cref="CustomDomainLimit"/> of 0 means no custom domain.
/// </summary>
public class Plan : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable key (<c>free</c>, <c>basic</c>, <c>pro</c>): what code and demo data refer to.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal MonthlyListPrice { get; set; }

    /// <summary>ISO 4217 code, e.g. <c>USD</c>.</summary>
    public required string Currency { get; set; }

    public long? RecordLimit { get; set; }

    public int? MemberLimit { get; set; }

    public int? CustomDomainLimit { get; set; }

    /// <summary>
    /// The product line the plan sells (e.g. "Digital asset management"), or null for the core
    /// product. Partner specializations by product line (P7) count the clients on its plans.
    /// </summary>
    public string? ProductLine { get; set; }

    /// <summary>Whether a client on this plan may carry its reseller's white-label (T1–T8).</summary>
    public bool WhiteLabel { get; set; }

    /// <summary>The plan every new account starts on, and returns to after a trial (R7). Exactly one plan is the default.</summary>
    public bool IsDefault { get; set; }

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>An archived plan is offered to nobody new; accounts on it keep it.</summary>
    public DateTime? ArchivedAt { get; set; }

    public bool IsFree => MonthlyListPrice == 0;

    /// <summary>The product lines the plans name, in order: what plan forms suggest and case studies may name (P7).</summary>
    public static async Task<IReadOnlyList<string>> ProductLinesAsync(IQueryable<Plan> plans, CancellationToken cancellationToken = default) =>
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(plans.Where(p => p.ProductLine != null).Select(p => p.ProductLine!).Distinct(), cancellationToken))
            .Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The plans every database starts with (seeded by the migration; the platform admin edits them).</summary>
    public static class Seeded
    {
        public static readonly Guid FreeId = new("0199a000-0000-7000-8000-000000000001");
        public static readonly Guid BasicId = new("0199a000-0000-7000-8000-000000000002");
        public static readonly Guid ProId = new("0199a000-0000-7000-8000-000000000003");
    }
}
