using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// The program as platform admins type it on <c>/platform/program</c>: every number as text, so a
/// mistake comes back with the form kept and a message that says what to fix. Percentages are typed
/// as percent (25 for 25 %).
/// </summary>
public sealed partial class ProgramForm
{
    public sealed class TierInput
    {
        public string? Name { get; set; }
        public string? Threshold { get; set; }
        public string? ResellerDiscount { get; set; }
        public string? ReferralCommission { get; set; }
        public string? DealRegistrationDiscount { get; set; }
        public string? RenewalDiscount { get; set; }
        public string? GrowthCommission { get; set; }
        public string? InfluenceCommission { get; set; }
        public string? Benefits { get; set; }
    }

    public sealed class MetricInput
    {
        public string? Key { get; set; }
        public string? Target { get; set; }
        public string? Weight { get; set; }
    }

    public sealed class SpecializationInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? MinActiveClients { get; set; }
        public string? MinSuccessfulEngagements { get; set; }
        public string? MinRevenueShare { get; set; }
        public string? RequiredCertifications { get; set; }
        public string? ExtraReferralCommission { get; set; }
        public string? ExtraDealRegistrationDiscount { get; set; }
    }

    public string? Currency { get; set; }
    public string? Conversion { get; set; }
    public string? MrrPerPoint { get; set; }
    public string? ReviewCycleMonths { get; set; }
    public string? DemotionGraceCycles { get; set; }
    public string? ManagedInactivityDays { get; set; }
    public string? QualifyingActivities { get; set; }
    public string? PointsPerBadge { get; set; }
    public string? PointsPerCaseStudy { get; set; }
    public Dictionary<string, string?> DealStageWeights { get; set; } = [];
    public List<TierInput> Tiers { get; set; } = [];
    public List<MetricInput> Metrics { get; set; } = [];
    public List<SpecializationInput> Specializations { get; set; } = [];

    public static readonly string[] DealStages = ["Qualified", "Proposal", "Negotiation", "Won", "Lost"];

    public static ProgramForm From(ProgramSettings s) => new()
    {
        Currency = s.Currency,
        Conversion = string.Join("\n", s.Conversion.Where(c => !string.Equals(c.Key, s.Currency, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Key).Select(c => $"{c.Key.ToUpperInvariant()} {N(c.Value)}")),
        MrrPerPoint = N(s.MrrPerPoint),
        ReviewCycleMonths = N(s.ReviewCycleMonths),
        DemotionGraceCycles = N(s.DemotionGraceCycles),
        ManagedInactivityDays = N(s.ManagedInactivityDays),
        QualifyingActivities = string.Join("\n", s.QualifyingActivities),
        PointsPerBadge = N(s.PointsPerBadge),
        PointsPerCaseStudy = N(s.PointsPerCaseStudy),
        DealStageWeights = DealStages.ToDictionary(st => st, st => (string?)N(s.StageWeight(st) * 100m)),
        Tiers = [.. s.Ladder.Select(t => new TierInput
        {
            Name = t.Name, Threshold = N(t.Threshold), ResellerDiscount = N(t.ResellerDiscount * 100m), ReferralCommission = N(t.ReferralCommission * 100m),
            DealRegistrationDiscount = N(t.DealRegistrationDiscount * 100m), RenewalDiscount = N(t.RenewalDiscount * 100m), GrowthCommission = N(t.GrowthCommission * 100m),
            InfluenceCommission = N(t.InfluenceCommission * 100m), Benefits = string.Join("\n", t.Benefits),
        })],
        Metrics = [.. s.Metrics.Select(m => new MetricInput { Key = m.Key, Target = N(m.Target), Weight = N(m.Weight) })],
        Specializations = [.. s.Specializations.Select(x => new SpecializationInput
        {
            Name = x.Name, Kind = x.Kind, MinActiveClients = N(x.MinActiveClients), MinSuccessfulEngagements = N(x.MinSuccessfulEngagements),
            MinRevenueShare = N(x.MinRevenueShare * 100m), RequiredCertifications = string.Join(", ", x.RequiredCertifications),
            ExtraReferralCommission = N(x.ExtraReferralCommission * 100m), ExtraDealRegistrationDiscount = N(x.ExtraDealRegistrationDiscount * 100m),
        }), new SpecializationInput()],
    };

    /// <summary>The program typed, or the first thing to fix. Metrics keep their names and categories from <paramref name="current"/>.</summary>
    public (ProgramSettings? Program, string? Error) Build(ProgramSettings current)
    {
        var p = new ProgramSettings { Metrics = [], Specializations = [], Tiers = [], QualifyingActivities = [] };
        var currency = Currency?.Trim().ToUpperInvariant();
        if (currency is null || !CurrencyCode().IsMatch(currency)) return Fail("Enter the program currency as a three-letter ISO code, for example USD.");
        p.Currency = currency;

        p.Conversion = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase) { [currency] = 1m };
        var lineNo = 0;
        foreach (var raw in (Conversion ?? "").Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var parts = line.Split([' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !CurrencyCode().IsMatch(parts[0].ToUpperInvariant()) || !TryNumber(parts[1], out var rate) || rate <= 0 || rate > 1_000_000m)
                return Fail($"Line {lineNo} of the conversion table should read like “EUR 1.08”: a three-letter currency code and what one unit of it is worth in {currency} (more than 0).");
            if (string.Equals(parts[0], currency, StringComparison.OrdinalIgnoreCase)) continue;
            if (!p.Conversion.TryAdd(parts[0].ToUpperInvariant(), rate)) return Fail($"{parts[0].ToUpperInvariant()} appears twice in the conversion table; keep one line per currency.");
        }

        if (!Range(MrrPerPoint, 1m, 1_000_000m, out var perPoint)) return Fail("Enter the MRR per point as a number from 1 to 1,000,000 (100 gives 10 points for 1,000 of MRR).");
        p.MrrPerPoint = perPoint;
        if (!WholeRange(ReviewCycleMonths, 1, 12, out var cycle)) return Fail("Enter the review cycle as a whole number of months from 1 to 12 (3 is quarterly).");
        p.ReviewCycleMonths = cycle;
        if (!WholeRange(DemotionGraceCycles, 0, 4, out var grace)) return Fail("Enter the demotion grace as a whole number of review cycles from 0 (demote at once) to 4.");
        p.DemotionGraceCycles = grace;
        if (!WholeRange(ManagedInactivityDays, 1, 365, out var idle)) return Fail("Enter the days after the last qualifying activity a managed relationship ends, from 1 to 365.");
        p.ManagedInactivityDays = idle;
        p.QualifyingActivities = [.. (QualifyingActivities ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct()];
        if (p.QualifyingActivities.Any(a => a.Length > 100 || !ActivityKind().IsMatch(a))) return Fail("Qualifying activities are event kinds such as solutions.published, one a line; end one with * to match every kind that starts with it.");
        if (!Range(PointsPerBadge, 0m, 10_000m, out var badge)) return Fail("Enter the points per badge as a number from 0 to 10,000.");
        p.PointsPerBadge = badge;
        if (!Range(PointsPerCaseStudy, 0m, 10_000m, out var study)) return Fail("Enter the points per approved case study as a number from 0 to 10,000.");
        p.PointsPerCaseStudy = study;

        p.DealStageWeights = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in DealStages)
        {
            if (!Range(DealStageWeights.GetValueOrDefault(stage), 0m, 100m, out var weight)) return Fail($"Enter how much of a deal's ARR counts at stage {stage} as a percentage from 0 to 100.");
            p.DealStageWeights[stage] = weight / 100m;
        }

        if (Tiers.Count != 3) return Fail("The program has three tiers; fill in all three.");
        decimal previous = 0m;
        foreach (var (t, i) in Tiers.Select((t, i) => (t, i)))
        {
            var name = t.Name?.Trim();
            var which = $"tier {i + 1}";
            if (string.IsNullOrEmpty(name) || name.Length > 50) return Fail($"Give {which} a name of at most 50 characters.");
            if (!Range(t.Threshold, 0.01m, 1_000_000m, out var threshold)) return Fail($"Enter the threshold of {name} as a number of points from 0.01 to 1,000,000.");
            if (threshold <= previous) return Fail($"Each tier needs more points than the one below it: raise the threshold of {name} above {N(previous)}.");
            previous = threshold;
            var rates = new decimal[6];
            string?[] typed = [t.ResellerDiscount, t.ReferralCommission, t.DealRegistrationDiscount, t.RenewalDiscount, t.GrowthCommission, t.InfluenceCommission];
            string[] words = ["reseller discount", "referral commission", "deal-registration discount", "renewal discount", "growth commission", "influence commission"];
            for (var k = 0; k < 6; k++)
                if (!Range(typed[k], 0m, 100m, out rates[k])) return Fail($"Enter the {words[k]} of {name} as a percentage from 0 to 100.");
            p.Tiers.Add(new TierRule
            {
                Name = name, Threshold = threshold, ResellerDiscount = rates[0] / 100m, ReferralCommission = rates[1] / 100m, DealRegistrationDiscount = rates[2] / 100m,
                RenewalDiscount = rates[3] / 100m, GrowthCommission = rates[4] / 100m, InfluenceCommission = rates[5] / 100m,
                Benefits = [.. (t.Benefits ?? "").Split('\n').Select(b => b.Trim()).Where(b => b.Length > 0).Take(30)],
            });
        }

        if (p.Tiers.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != p.Tiers.Count) return Fail("Give each tier a different name.");

        foreach (var known in current.Metrics)
        {
            var typed = Metrics.FirstOrDefault(m => m.Key == known.Key);
            if (typed is null) { p.Metrics.Add(known); continue; }
            if (!Range(typed.Target, 0m, 1_000_000_000m, out var target)) return Fail($"Enter the target of “{known.Name}” as a number from 0 to 1,000,000,000.");
            if (!Range(typed.Weight, 0m, 10_000m, out var weight)) return Fail($"Enter the points of “{known.Name}” at target as a number from 0 to 10,000.");
            p.Metrics.Add(new MetricRule { Key = known.Key, Name = known.Name, Category = known.Category, Target = target, Weight = weight });
        }

        foreach (var s in Specializations)
        {
            var name = s.Name?.Trim();
            if (string.IsNullOrEmpty(name)) continue;
            if (name.Length > 100) return Fail("Specialization names have at most 100 characters.");
            var kind = s.Kind?.Trim();
            if (kind is not ("Industry vertical" or "Product line")) return Fail($"Choose whether {name} is an industry vertical or a product line.");
            if (!WholeRange(s.MinActiveClients, 0, 100_000, out var clients)) return Fail($"Enter the active clients {name} needs as a whole number.");
            if (!WholeRange(s.MinSuccessfulEngagements, 0, 100_000, out var engagements)) return Fail($"Enter the successful engagements {name} needs as a whole number.");
            if (!Range(s.MinRevenueShare, 0m, 100m, out var share)) return Fail($"Enter the share of revenue {name} needs as a percentage from 0 to 100.");
            if (!Range(s.ExtraReferralCommission, 0m, 100m, out var referral)) return Fail($"Enter the extra referral commission of {name} as a percentage from 0 to 100.");
            if (!Range(s.ExtraDealRegistrationDiscount, 0m, 100m, out var deal)) return Fail($"Enter the extra deal-registration discount of {name} as a percentage from 0 to 100.");
            p.Specializations.Add(new SpecializationRule
            {
                Name = name, Kind = kind, MinActiveClients = clients, MinSuccessfulEngagements = engagements, MinRevenueShare = share / 100m,
                RequiredCertifications = [.. (s.RequiredCertifications ?? "").Split(',').Select(c => c.Trim()).Where(c => c.Length > 0)],
                ExtraReferralCommission = referral / 100m, ExtraDealRegistrationDiscount = deal / 100m,
            });
        }

        if (p.Specializations.Select(x => x.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != p.Specializations.Count) return Fail("Give each specialization a different name.");
        return (p, null);
    }

    /// <summary>What changed, in a platform admin's words, for the log and the page's message.</summary>
    public static string Describe(ProgramSettings before, ProgramSettings after)
    {
        var changes = new List<string>();
        if (before.Currency != after.Currency) changes.Add($"program currency {before.Currency} → {after.Currency}");
        foreach (var t in after.Ladder)
            if (before.TierNamed(t.Name) is not { } old) changes.Add($"tier {t.Name} at {N(t.Threshold)} points");
            else if (old.Threshold != t.Threshold) changes.Add($"{t.Name} threshold {N(old.Threshold)} → {N(t.Threshold)} points");
            else if (old.ResellerDiscount != t.ResellerDiscount) changes.Add($"{t.Name} reseller discount {N(old.ResellerDiscount * 100)} % → {N(t.ResellerDiscount * 100)} %");
        if (before.ReviewCycleMonths != after.ReviewCycleMonths) changes.Add($"review cycle {before.ReviewCycleMonths} → {after.ReviewCycleMonths} months");
        if (before.DemotionGraceCycles != after.DemotionGraceCycles) changes.Add($"demotion grace {before.DemotionGraceCycles} → {after.DemotionGraceCycles} cycles");
        if (changes.Count == 0 && before.ToJson() != after.ToJson()) changes.Add("rates, incentives, metrics or specializations");
        return string.Join("; ", changes);
    }

    private static (ProgramSettings?, string?) Fail(string error) => (null, error);

    private static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace(",", "", StringComparison.Ordinal).TrimEnd('%').Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool Range(string? text, decimal min, decimal max, out decimal value) => TryNumber(text, out value) && value >= min && value <= max;

    private static bool WholeRange(string? text, int min, int max, out int value)
    {
        value = 0;
        if (!Range(text, min, max, out var d) || d != Math.Floor(d)) return false;
        value = (int)d;
        return true;
    }

    private static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^[a-z0-9_.\-]+\*?$")]
    private static partial Regex ActivityKind();
}
