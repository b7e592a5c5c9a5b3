namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// Where a partner stands against one specialization's rule (P7): its active clients, successful
/// engagements and revenue share in the industry vertical or product line against the thresholds,
/// and the required certifications it does not hold.
/// </summary>
public sealed record SpecializationProgress(
    SpecializationRule Rule,
    int ActiveClients,
    int Engagements,
    decimal RevenueShare,
    IReadOnlyList<string> MissingCertifications)
{
    public bool ClientsMet => ActiveClients >= Rule.MinActiveClients;

    public bool EngagementsMet => Engagements >= Rule.MinSuccessfulEngagements;

    /// <summary>The share must exceed the threshold ("over 35 %"); a zero threshold asks for nothing.</summary>
    public bool RevenueMet => Rule.MinRevenueShare <= 0m || RevenueShare > Rule.MinRevenueShare;

    public bool Holds => ClientsMet && EngagementsMet && RevenueMet && MissingCertifications.Count == 0;

    /// <summary>The four conditions in the partner's words, e.g. "Healthcare: 3 of 10 active clients, 1 of 4 case studies, 22 % of 35 % revenue, missing HIPAA certification".</summary>
    public string Summary =>
        $"{Rule.Name}: {ActiveClients} of {Rule.MinActiveClients} active clients, {Engagements} of {Rule.MinSuccessfulEngagements} case studies, "
        + $"{PointsCalculator.Percent(Math.Round(RevenueShare, 2))} of {PointsCalculator.Percent(Rule.MinRevenueShare)} revenue, "
        + (MissingCertifications.Count == 0 ? "all certifications held" : $"missing {string.Join(", ", MissingCertifications)} certification{(MissingCertifications.Count == 1 ? "" : "s")}");
}

/// <summary>
/// Evaluates specializations (P7) from a partner's facts. Pure, like <see cref="PointsCalculator"/>:
/// the recalculation earns and revokes badges with it and the program page shows the same numbers.
/// An industry vertical counts clients by their organization's industry and case studies by their
/// industry; a product line counts clients by their plan's product line and case studies by the
/// product line they name.
/// </summary>
public static class SpecializationCheck
{
    public const string IndustryVertical = "Industry vertical";

    public const string ProductLine = "Product line";

    public static bool IsVertical(SpecializationRule rule) => string.Equals(rule.Kind, IndustryVertical, StringComparison.OrdinalIgnoreCase);

    public static bool IsProductLine(SpecializationRule rule) => string.Equals(rule.Kind, ProductLine, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<SpecializationProgress> Evaluate(ProgramSettings settings, PartnerFacts facts) =>
        [.. settings.Specializations.Where(r => IsVertical(r) || IsProductLine(r)).Select(rule => Evaluate(settings, facts, rule))];

    public static SpecializationProgress Evaluate(ProgramSettings settings, PartnerFacts facts, SpecializationRule rule)
    {
        // Sold and managed accounts are the partner's active clients; an account both sold and managed counts once.
        var accounts = facts.Sold.Select(a => a with { SplitWays = 1 }).Concat(facts.Managed).ToList();
        var productLine = IsProductLine(rule);
        var clients = accounts.Where(a => Matches(productLine ? a.ProductLine : a.Industry, rule)).Select(a => a.AccountId).Distinct().Count();
        var engagements = facts.CaseStudies.Count(c => Matches(productLine ? c.ProductLine : c.Industry, rule));
        // The same MRR the points count: converted to the program currency and split among the partners managing it.
        var total = accounts.Sum(a => CountedMrr(settings, a));
        var inRule = accounts.Where(a => Matches(productLine ? a.ProductLine : a.Industry, rule)).Sum(a => CountedMrr(settings, a));
        var share = total > 0 ? inRule / total : 0m;
        var certifications = facts.Badges.Where(b => string.Equals(b.Kind, Badges.Certification, StringComparison.OrdinalIgnoreCase)).Select(b => b.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = rule.RequiredCertifications.Where(c => !string.IsNullOrWhiteSpace(c) && !certifications.Contains(c.Trim())).ToList();
        return new SpecializationProgress(rule, clients, engagements, share, missing);
    }

    /// <summary>
    /// The specialization badges a recalculation earns (rules that hold, the partner not already holding the
    /// badge, by hand or not) and the auto-earned ones it revokes (rules that no longer hold). Grants
    /// by hand are never revoked here.
    /// </summary>
    public static (IReadOnlyList<SpecializationRule> Earn, IReadOnlyList<BadgeFact> Revoke) Changes(ProgramSettings settings, PartnerFacts facts)
    {
        var earn = new List<SpecializationRule>();
        var revoke = new List<BadgeFact>();
        foreach (var progress in Evaluate(settings, facts))
        {
            var held = facts.Badges.Where(b => string.Equals(b.Name.Trim(), progress.Rule.Name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (progress.Holds && held.Count == 0) earn.Add(progress.Rule);
            else if (!progress.Holds) revoke.AddRange(held.Where(b => b.AutoEarned));
        }

        return (earn, revoke);
    }

    /// <summary>The facts with the earned badges added and the revoked ones gone, so the points count them as the recalculation will.</summary>
    public static PartnerFacts Applied(PartnerFacts facts, IEnumerable<BadgeFact> earned, IReadOnlyList<BadgeFact> revoked) =>
        facts with { Badges = [.. facts.Badges.Where(b => !revoked.Contains(b)), .. earned] };

    /// <summary>The facts as they will be after a recalculation's specialization changes ("what if" and the program page: earned badges have no id yet).</summary>
    public static PartnerFacts Applied(ProgramSettings settings, PartnerFacts facts)
    {
        var (earn, revoke) = Changes(settings, facts);
        return Applied(facts, earn.Select(r => new BadgeFact(null, r.Name, r.Kind, true)), revoke);
    }

    private static bool Matches(string? industry, SpecializationRule rule) =>
        industry is not null && string.Equals(industry.Trim(), rule.Name.Trim(), StringComparison.OrdinalIgnoreCase);

    private static decimal CountedMrr(ProgramSettings settings, AccountMrr account) =>
        settings.RateOf(account.Currency) is { } rate ? account.Mrr * rate / Math.Max(1, account.SplitWays) : 0m;
}
