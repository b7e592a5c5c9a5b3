using System.Globalization;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>An account's MRR as the program sees it: in its own currency, before any split.</summary>
public sealed record AccountMrr(Guid AccountId, string AccountName, decimal Mrr, string Currency, int SplitWays = 1, string? Industry = null, string? ProductLine = null);

/// <summary>A badge the partner holds: a certification or a specialization (<see cref="Kind"/>), granted by hand or earned by the recalculation.</summary>
public sealed record BadgeFact(Guid? Id, string Name, string Kind = Badges.Certification, bool AutoEarned = false);

public sealed record DealFact(Guid? Id, string Customer, decimal Arr, string Currency, string Stage);

public sealed record CaseStudyFact(Guid? Id, string Customer, string? Industry = null, string? ProductLine = null);

/// <summary>
/// What the program knows of one partner for one month: the accounts it sold (reseller-billed), the
/// accounts it manages (with how many partners share each), its client-billed clients (referrals),
/// badges, approved deals and case studies, its ARR a year before, any other measured metric, and
/// the period's points from entries the recalculation does not own (platform admins' corrections).
/// The recalculation reads these from the database; "what if" adds hypothetical ones.
/// </summary>
public sealed record PartnerFacts(
    DateOnly Period,
    IReadOnlyList<AccountMrr> Sold,
    IReadOnlyList<AccountMrr> Managed,
    IReadOnlyList<AccountMrr> Referred,
    IReadOnlyList<BadgeFact> Badges,
    IReadOnlyList<DealFact> Deals,
    IReadOnlyList<CaseStudyFact> CaseStudies,
    decimal? ArrYearBefore = null,
    IReadOnlyDictionary<string, decimal>? Metrics = null,
    decimal Adjustments = 0m)
{
    public static PartnerFacts Empty(DateOnly period) => new(period, [], [], [], [], [], []);
}

/// <summary>One ledger line the calculator wants for the period (what <see cref="LedgerEntry"/> stores).</summary>
public sealed record LedgerLine(
    PointSource Source,
    string SourceKey,
    decimal Points,
    string Description,
    ProgramCategory Category,
    Guid? AccountId = null,
    string? AccountName = null,
    decimal? Mrr = null,
    string? MrrCurrency = null,
    decimal? ProgramMrr = null,
    int SplitWays = 1,
    Guid? ReferenceId = null,
    decimal? Commission = null);

/// <summary>Where a partner stood before this calculation: its tier and since when it has been below that tier's threshold.</summary>
public sealed record TierState(string? Tier, DateOnly? BelowSince)
{
    public static readonly TierState None = new(null, null);
}

/// <summary>The tier after a calculation; <see cref="GraceUntil"/> is set while a demotion waits.</summary>
public sealed record TierDecision(string? Tier, string? Reached, DateOnly? BelowSince, DateOnly? GraceUntil)
{
    public bool InGrace => GraceUntil is not null;
}

/// <summary>What is missing for the next tier, in points and in concrete terms.</summary>
public sealed record NextTier(string Name, decimal Threshold, decimal MissingPoints, IReadOnlyList<string> Ways);

/// <summary>The result of one partner's calculation for one period.</summary>
public sealed record PointsResult(IReadOnlyList<LedgerLine> Lines, decimal Points, decimal PointsForSilver, TierDecision Decision, NextTier? Next)
{
    public decimal PointsOf(PointSource source) => Lines.Where(l => l.Source == source).Sum(l => l.Points);
}

/// <summary>
/// The one rule of points and tiers (P1–P7, P11, P12, R14): from a partner's facts for a month, the
/// ledger lines with their points (1 point per <see cref="ProgramSettings.MrrPerPoint"/> of MRR in the
/// program currency, after conversion and split), the tier reached and the tier held (a demotion
/// waits <see cref="ProgramSettings.DemotionGraceCycles"/> review cycles), and what the next tier needs.
/// Pure: the recalculation job and "what if" both call it, so they cannot disagree.
/// </summary>
public static class PointsCalculator
{
    public static PointsResult Calculate(ProgramSettings settings, PartnerFacts facts, TierState previous, DateOnly today)
    {
        var lines = new List<LedgerLine>();
        foreach (var account in facts.Sold) lines.Add(MrrLine(settings, PointSource.SoldMrr, "sold", account with { SplitWays = 1 }));
        foreach (var account in facts.Managed) lines.Add(MrrLine(settings, PointSource.ManagedMrr, "managed", account));
        foreach (var badge in facts.Badges.DistinctBy(b => b.Name, StringComparer.OrdinalIgnoreCase))
            lines.Add(new LedgerLine(PointSource.Badge, "badge:" + Key(badge.Name), settings.PointsPerBadge, $"Badge “{badge.Name}”", ProgramCategory.Competence, ReferenceId: badge.Id));
        foreach (var deal in facts.Deals) lines.Add(DealLine(settings, deal));
        foreach (var study in facts.CaseStudies)
            lines.Add(new LedgerLine(PointSource.CaseStudy, "case-study:" + (study.Id?.ToString() ?? Key(study.Customer)), settings.PointsPerCaseStudy, $"Approved case study of {study.Customer}", ProgramCategory.Partnership, ReferenceId: study.Id));
        lines.AddRange(MetricLines(settings, facts, lines));

        var total = Round(lines.Sum(l => l.Points) + facts.Adjustments);
        // Partnership does not count toward Silver (P5): the lowest tier is reached on the other two categories.
        var forSilver = Round(lines.Where(l => l.Category != ProgramCategory.Partnership).Sum(l => l.Points) + facts.Adjustments);
        var decision = Decide(settings, forSilver, total, previous, today);

        // The referral commission depends on the tier the partner holds (P6), so it comes after the decision; it earns no points.
        var tier = settings.TierNamed(decision.Tier);
        var rate = (tier?.ReferralCommission ?? 0m) + SpecializationExtra(settings, facts.Badges, s => s.ExtraReferralCommission);
        foreach (var account in facts.Referred) lines.Add(ReferralLine(settings, account, rate));

        return new PointsResult(lines, total, forSilver, decision, Next(settings, decision.Reached, total, forSilver, Average(lines, PointSource.ManagedMrr), Average(lines, PointSource.SoldMrr)));
    }

    /// <summary>The tier reached by these points: the highest whose threshold they meet (Silver on the points without Partnership).</summary>
    public static string? Reached(ProgramSettings settings, decimal pointsForSilver, decimal points)
    {
        var ladder = settings.Ladder;
        string? reached = null;
        for (var i = 0; i < ladder.Count; i++)
        {
            var counted = i == 0 ? pointsForSilver : points;
            if (counted >= ladder[i].Threshold && (i == 0 || reached is not null)) reached = ladder[i].Name;
        }

        return reached;
    }

    /// <summary>Promotions apply at once; a demotion waits until the grace period after the partner first fell below has run out.</summary>
    public static TierDecision Decide(ProgramSettings settings, decimal pointsForSilver, decimal points, TierState previous, DateOnly today)
    {
        var reached = Reached(settings, pointsForSilver, points);
        if (settings.RankOf(reached) >= settings.RankOf(previous.Tier) || settings.TierNamed(previous.Tier) is null)
            return new TierDecision(reached, reached, null, null);

        var below = previous.BelowSince ?? today;
        var graceUntil = below.AddMonths(settings.ReviewCycleMonths * settings.DemotionGraceCycles);
        return today >= graceUntil
            ? new TierDecision(reached, reached, null, null)
            : new TierDecision(previous.Tier, reached, below, graceUntil);
    }

    /// <summary>The reseller discount of a tier (R6), the flat default for a partner without one.</summary>
    public static decimal ResellerDiscount(ProgramSettings settings, string? tier, decimal fallback) =>
        settings.TierNamed(tier)?.ResellerDiscount ?? fallback;

    private static LedgerLine MrrLine(ProgramSettings settings, PointSource source, string prefix, AccountMrr account)
    {
        var split = Math.Max(1, account.SplitWays);
        var rate = settings.RateOf(account.Currency);
        var money = Money(account.Mrr, account.Currency);
        var what = source == PointSource.SoldMrr ? "Sold MRR" : "Managed MRR";
        var splitText = split > 1 ? $", split {split} ways" : "";
        if (rate is null)
            return new LedgerLine(source, $"{prefix}:{account.AccountId}", 0m, $"{what} of {account.AccountName}, {money}{splitText}: no points, {account.Currency} is not in the program's conversion table",
                ProgramCategory.Performance, account.AccountId, account.AccountName, account.Mrr, account.Currency, null, split);

        var programMrr = Round(account.Mrr * rate.Value / split);
        var points = Round(programMrr / settings.MrrPerPoint);
        var converted = string.Equals(account.Currency, settings.Currency, StringComparison.OrdinalIgnoreCase) ? "" : $" ({Money(account.Mrr * rate.Value, settings.Currency)})";
        var share = split > 1 ? $", split {split} ways: {Money(programMrr, settings.Currency)}" : "";
        return new LedgerLine(source, $"{prefix}:{account.AccountId}", points, $"{what} of {account.AccountName}, {money}{converted}{share}",
            ProgramCategory.Performance, account.AccountId, account.AccountName, account.Mrr, account.Currency, programMrr, split);
    }

    private static LedgerLine DealLine(ProgramSettings settings, DealFact deal)
    {
        var weight = settings.StageWeight(deal.Stage);
        var rate = settings.RateOf(deal.Currency);
        var key = "deal:" + (deal.Id?.ToString() ?? Key(deal.Customer));
        var money = Money(deal.Arr, deal.Currency);
        if (rate is null)
            return new LedgerLine(PointSource.Deal, key, 0m, $"Registered deal with {deal.Customer} ({deal.Stage}), {money} ARR: no points, {deal.Currency} is not in the program's conversion table", ProgramCategory.Performance, ReferenceId: deal.Id);
        // Weighted ARR counts like MRR over a year: a won 12,000 ARR deal weighs as 1,000 of MRR.
        var weighted = Round(deal.Arr * rate.Value * weight);
        var points = Round(weighted / 12m / settings.MrrPerPoint);
        return new LedgerLine(PointSource.Deal, key, points, $"Registered deal with {deal.Customer} ({deal.Stage}, counted at {Percent(weight)}), {money} ARR",
            ProgramCategory.Performance, Mrr: deal.Arr, MrrCurrency: deal.Currency, ProgramMrr: weighted, ReferenceId: deal.Id);
    }

    private static LedgerLine ReferralLine(ProgramSettings settings, AccountMrr account, decimal rate)
    {
        var key = "referral:" + account.AccountId;
        var fx = settings.RateOf(account.Currency);
        if (fx is null)
            return new LedgerLine(PointSource.Referral, key, 0m, $"Referral commission for {account.AccountName}: none, {account.Currency} is not in the program's conversion table",
                ProgramCategory.Performance, account.AccountId, account.AccountName, account.Mrr, account.Currency);
        var programMrr = Round(account.Mrr * fx.Value);
        var commission = Round(programMrr * rate);
        return new LedgerLine(PointSource.Referral, key, 0m,
            $"Referral commission for {account.AccountName} (pays the platform directly), {Percent(rate)} of {Money(programMrr, settings.Currency)}: {Money(commission, settings.Currency)}",
            ProgramCategory.Performance, account.AccountId, account.AccountName, account.Mrr, account.Currency, programMrr, 1, Commission: commission);
    }

    private static IEnumerable<LedgerLine> MetricLines(ProgramSettings settings, PartnerFacts facts, List<LedgerLine> lines)
    {
        var arr = Round(lines.Where(l => l.Source is PointSource.SoldMrr or PointSource.ManagedMrr).Sum(l => l.ProgramMrr ?? 0m) * 12m);
        foreach (var metric in settings.Metrics.Where(m => m.Target > 0 && m.Weight > 0))
        {
            decimal? value = metric.Key switch
            {
                MetricKeys.MinimumArr => arr,
                MetricKeys.ArrGrowth => facts.ArrYearBefore is > 0 ? Round((arr - facts.ArrYearBefore.Value) / facts.ArrYearBefore.Value * 100m) : null,
                _ => facts.Metrics?.TryGetValue(metric.Key, out var measured) == true ? measured : null,
            };
            if (value is null) continue;
            var share = Math.Clamp(value.Value / metric.Target, 0m, 1m);
            var points = Round(metric.Weight * share);
            yield return new LedgerLine(PointSource.Metric, "metric:" + metric.Key, points,
                $"{metric.Name}: {Number(value.Value)} of a target of {Number(metric.Target)} ({Percent(share)} of {Number(metric.Weight)} points)", metric.Category);
        }
    }

    /// <summary>The average points of the partner's accounts of one source that earn any (null without one).</summary>
    public static decimal? Average(IEnumerable<LedgerLine> lines, PointSource source)
    {
        var own = lines.Where(l => l.Source == source && l.Points > 0).Select(l => l.Points).ToList();
        return own.Count == 0 ? null : own.Average();
    }

    /// <summary>What the tier after <paramref name="reached"/> needs: its points, and ways to get them in the partner's terms.</summary>
    public static NextTier? Next(ProgramSettings settings, string? reached, decimal total, decimal forSilver, decimal? managedAverage, decimal? soldAverage)
    {
        var ladder = settings.Ladder;
        var rank = settings.RankOf(reached);
        if (rank >= ladder.Count) return null;
        var next = ladder[rank];
        var counted = rank == 0 ? forSilver : total;
        var missing = Math.Max(0m, Round(next.Threshold - counted));
        var ways = new List<string>();
        void Add(decimal? average, string what)
        {
            if (average is not > 0) return;
            var count = (int)Math.Ceiling(missing / average.Value);
            ways.Add($"{count} more {what}{(count == 1 ? "" : "s")} at your current average of {Number(Round(average.Value))} points");
        }

        Add(managedAverage, "managed account");
        Add(soldAverage, "sold account");
        if (settings.PointsPerBadge > 0)
        {
            var badges = (int)Math.Ceiling(missing / settings.PointsPerBadge);
            ways.Add($"{badges} more badge{(badges == 1 ? "" : "s")} ({Number(settings.PointsPerBadge)} points each)");
        }

        ways.Add($"{Money(Round(missing * settings.MrrPerPoint), settings.Currency)} more monthly recurring revenue, sold or managed");
        return new NextTier(next.Name, next.Threshold, missing, ways);
    }

    private static decimal SpecializationExtra(ProgramSettings settings, IReadOnlyList<BadgeFact> badges, Func<SpecializationRule, decimal> extra) =>
        settings.Specializations.Where(s => badges.Any(b => string.Equals(b.Name, s.Name, StringComparison.OrdinalIgnoreCase))).Sum(extra);

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Money(decimal amount, string currency) => amount.ToString("#,##0.##", CultureInfo.InvariantCulture) + " " + currency.ToUpperInvariant();

    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Key(string name) => name.Trim().ToLowerInvariant();
}
