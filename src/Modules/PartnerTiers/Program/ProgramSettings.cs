using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>The three categories of P5. Partnership does not count toward Silver.</summary>
public enum ProgramCategory
{
    Performance = 0,
    Competence = 1,
    Partnership = 2,
}

/// <summary>One tier (P1) with its threshold in points and its incentives (P6).</summary>
public sealed class TierRule
{
    public string Name { get; set; } = "";

    public decimal Threshold { get; set; }

    /// <summary>Fraction off list prices a reseller of this tier pays the platform (R6), e.g. 0.25.</summary>
    public decimal ResellerDiscount { get; set; }

    /// <summary>Fraction of a client-billed client's MRR earned as referral commission (R14).</summary>
    public decimal ReferralCommission { get; set; }

    /// <summary>Fraction off a won registered deal (P8).</summary>
    public decimal DealRegistrationDiscount { get; set; }

    public decimal RenewalDiscount { get; set; }

    public decimal GrowthCommission { get; set; }

    public decimal InfluenceCommission { get; set; }

    /// <summary>The non-financial incentives in the partner's words (training, MDF, directory listing…).</summary>
    public List<string> Benefits { get; set; } = [];
}

/// <summary>A P5 metric other sources do not already count: its target and the points it gives at target.</summary>
public sealed class MetricRule
{
    /// <summary>Stable key: <c>min-arr</c>, <c>arr-growth</c>, <c>influence-arr</c>, <c>satisfaction</c>, <c>product-lines</c>, <c>business-plan</c>.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public ProgramCategory Category { get; set; }

    /// <summary>The value that earns the full weight (same unit as the value: program currency, percent, count).</summary>
    public decimal Target { get; set; }

    /// <summary>Points at or above the target; below it, in proportion.</summary>
    public decimal Weight { get; set; }
}

/// <summary>A specialization (P7): industry vertical or product line, the thresholds to earn it and the incentives it adds.</summary>
public sealed class SpecializationRule
{
    public string Name { get; set; } = "";

    /// <summary>"Industry vertical" or "Product line".</summary>
    public string Kind { get; set; } = "";

    public int MinActiveClients { get; set; }

    public int MinSuccessfulEngagements { get; set; }

    /// <summary>Share of revenue from the vertical or product line that must be exceeded, e.g. 0.35.</summary>
    public decimal MinRevenueShare { get; set; }

    /// <summary>Certifications required, e.g. the product certification, HIPAA, CMMC.</summary>
    public List<string> RequiredCertifications { get; set; } = [];

    /// <summary>Extra referral commission while the badge is held (fraction).</summary>
    public decimal ExtraReferralCommission { get; set; }

    /// <summary>Extra deal-registration discount while the badge is held (fraction).</summary>
    public decimal ExtraDealRegistrationDiscount { get; set; }
}

/// <summary>
/// The operator's partner program (P1–P7), one JSON document in the platform settings under
/// <see cref="ProgramSettingsStore.Key"/>. Defaults come from the seeds (HubSpot's 1 point per 100 of
/// MRR, Smartsheet's Silver/Gold/Platinum with categories, incentives and specializations).
/// </summary>
public sealed class ProgramSettings
{
    /// <summary>ISO 4217 code all MRR is converted to before it becomes points.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Units of the program currency one unit of each currency is worth (the program currency itself is 1).</summary>
    public Dictionary<string, decimal> Conversion { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1m, ["AUD"] = 0.66m, ["CAD"] = 0.73m, ["CHF"] = 1.13m, ["EUR"] = 1.08m, ["GBP"] = 1.27m, ["JPY"] = 0.0067m,
    };

    /// <summary>MRR in the program currency per point: 100 (1,000 of MRR gives 10 points).</summary>
    public decimal MrrPerPoint { get; set; } = 100m;

    /// <summary>Months in a review cycle (3: quarterly).</summary>
    public int ReviewCycleMonths { get; set; } = 3;

    /// <summary>Review cycles a partner keeps its tier while below its threshold before it is demoted.</summary>
    public int DemotionGraceCycles { get; set; } = 1;

    /// <summary>Days after the last qualifying activity a managed relationship ends (P4).</summary>
    public int ManagedInactivityDays { get; set; } = 60;

    /// <summary>Event kinds that count as qualifying activity in a client account (P3); a trailing <c>*</c> matches a prefix.</summary>
    public List<string> QualifyingActivities { get; set; } = ["solutions.*", "consultant-seats.*"];

    public List<TierRule> Tiers { get; set; } =
    [
        new() { Name = "Silver", Threshold = 10, ResellerDiscount = 0.2m, ReferralCommission = 0.05m, DealRegistrationDiscount = 0.05m, RenewalDiscount = 0.03m, GrowthCommission = 0.02m, InfluenceCommission = 0.02m,
            Benefits = ["Product and sales training", "Direct sales resources", "Certification program", "Demo accounts", "Thought-leadership resources", "Partner portal", "Program badge", "Directory listing"] },
        new() { Name = "Gold", Threshold = 35, ResellerDiscount = 0.25m, ReferralCommission = 0.1m, DealRegistrationDiscount = 0.1m, RenewalDiscount = 0.05m, GrowthCommission = 0.04m, InfluenceCommission = 0.04m,
            Benefits = ["Product and sales training (extended)", "Direct sales resources (extended)", "Marketing support and MDF", "Certification program (extended)", "Demo accounts", "Thought-leadership resources (extended)", "Partner portal", "Program badge", "Featured directory listing"] },
        new() { Name = "Platinum", Threshold = 100, ResellerDiscount = 0.3m, ReferralCommission = 0.15m, DealRegistrationDiscount = 0.1m, RenewalDiscount = 0.08m, GrowthCommission = 0.06m, InfluenceCommission = 0.06m,
            Benefits = ["Product and sales training (premium)", "Direct sales resources (premium)", "Marketing support and MDF (premium)", "Certification program (extended)", "Demo accounts", "Thought-leadership resources (extended)", "Partner portal", "Program badge", "Top directory placement"] },
    ];

    /// <summary>Points each certification or specialization badge adds (P5: each new badge adds points).</summary>
    public decimal PointsPerBadge { get; set; } = 5m;

    /// <summary>Points each approved customer case study adds (Partnership).</summary>
    public decimal PointsPerCaseStudy { get; set; } = 2m;

    /// <summary>How much of an approved deal's ARR counts at each stage (P5: deal-registration ARR weighted by stage).</summary>
    public Dictionary<string, decimal> DealStageWeights { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Qualified"] = 0.1m, ["Proposal"] = 0.25m, ["Negotiation"] = 0.5m, ["Won"] = 1m, ["Lost"] = 0m,
    };

    public List<MetricRule> Metrics { get; set; } =
    [
        new() { Key = MetricKeys.MinimumArr, Name = "Annual recurring revenue", Category = ProgramCategory.Performance, Target = 120_000m, Weight = 5m },
        new() { Key = MetricKeys.ArrGrowth, Name = "Year-over-year ARR growth (%)", Category = ProgramCategory.Performance, Target = 20m, Weight = 5m },
        new() { Key = MetricKeys.InfluenceArr, Name = "Influence ARR", Category = ProgramCategory.Performance, Target = 50_000m, Weight = 3m },
        new() { Key = MetricKeys.Satisfaction, Name = "Customer satisfaction (%)", Category = ProgramCategory.Competence, Target = 90m, Weight = 3m },
        new() { Key = MetricKeys.ProductLines, Name = "Product lines supported above the peer average", Category = ProgramCategory.Competence, Target = 2m, Weight = 3m },
        new() { Key = MetricKeys.BusinessPlan, Name = "Business-plan completion (%)", Category = ProgramCategory.Partnership, Target = 100m, Weight = 5m },
    ];

    public List<SpecializationRule> Specializations { get; set; } =
    [
        new() { Name = "Healthcare", Kind = "Industry vertical", MinActiveClients = 10, MinSuccessfulEngagements = 4, MinRevenueShare = 0.35m, RequiredCertifications = ["Vertical certification (100 %)", "HIPAA"], ExtraReferralCommission = 0.02m },
        new() { Name = "Public sector", Kind = "Industry vertical", MinActiveClients = 10, MinSuccessfulEngagements = 4, MinRevenueShare = 0.35m, RequiredCertifications = ["Vertical certification (100 %)", "CMMC"], ExtraReferralCommission = 0.02m },
        new() { Name = "Digital assets", Kind = "Product line", MinActiveClients = 5, MinSuccessfulEngagements = 2, MinRevenueShare = 0.35m, RequiredCertifications = ["Product certification"], ExtraReferralCommission = 0.02m, ExtraDealRegistrationDiscount = 0.05m },
    ];

    /// <summary>The rate of <paramref name="currency"/> in the program currency, or null when the table does not know it.</summary>
    public decimal? RateOf(string? currency) =>
        currency is null ? null
        : string.Equals(currency, Currency, StringComparison.OrdinalIgnoreCase) ? 1m
        : Conversion.TryGetValue(currency, out var rate) && rate > 0 ? rate : null;

    public bool IsQualifying(string kind) => QualifyingActivities.Any(p =>
        p.EndsWith('*') ? kind.StartsWith(p[..^1], StringComparison.Ordinal) : string.Equals(p, kind, StringComparison.Ordinal));

    public decimal StageWeight(string stage) => DealStageWeights.TryGetValue(stage, out var w) ? w : 0m;

    /// <summary>Tiers from lowest to highest threshold.</summary>
    public IReadOnlyList<TierRule> Ladder => [.. Tiers.OrderBy(t => t.Threshold)];

    /// <summary>Rank of a tier (0: none, 1: the lowest, …), as <see cref="PartnerPortal.Modularity.PartnerStanding.Rank"/> orders them.</summary>
    public int RankOf(string? tier)
    {
        if (tier is null) return 0;
        var ladder = Ladder;
        for (var i = 0; i < ladder.Count; i++)
            if (string.Equals(ladder[i].Name, tier, StringComparison.OrdinalIgnoreCase)) return i + 1;
        return 0;
    }

    public TierRule? TierNamed(string? name) => Tiers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored document; null when it is not a readable program.</summary>
    public static ProgramSettings? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var read = JsonSerializer.Deserialize<ProgramSettings>(json, Json);
            if (read is null) return null;
            // Case-insensitive lookups survive the round trip.
            read.Conversion = new Dictionary<string, decimal>(read.Conversion, StringComparer.OrdinalIgnoreCase);
            read.DealStageWeights = new Dictionary<string, decimal>(read.DealStageWeights, StringComparer.OrdinalIgnoreCase);
            return read;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public static class MetricKeys
{
    public const string MinimumArr = "min-arr";
    public const string ArrGrowth = "arr-growth";
    public const string InfluenceArr = "influence-arr";
    public const string Satisfaction = "satisfaction";
    public const string ProductLines = "product-lines";
    public const string BusinessPlan = "business-plan";
}
