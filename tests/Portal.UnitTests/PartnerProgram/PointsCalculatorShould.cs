using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.UnitTests.PartnerProgram;

/// <summary>The one rule of points and tiers (P1–P7, P12, R14), shared by the recalculation and "what if".</summary>
public sealed class PointsCalculatorShould
{
    private static readonly DateOnly May = new(2026, 5, 1);
    private static readonly DateOnly Today = new(2026, 5, 15);
    // Without the metrics, so each test sees only the points it is about (metrics have a test of their own).
    private static readonly ProgramSettings Program = new() { Metrics = [] };

    private static PartnerFacts Facts(IReadOnlyList<AccountMrr>? sold = null, IReadOnlyList<AccountMrr>? managed = null, IReadOnlyList<BadgeFact>? badges = null,
        IReadOnlyList<DealFact>? deals = null, IReadOnlyList<CaseStudyFact>? studies = null, IReadOnlyList<AccountMrr>? referred = null) =>
        new(May, sold ?? [], managed ?? [], referred ?? [], badges ?? [], deals ?? [], studies ?? []);

    private static AccountMrr Account(decimal mrr, string currency = "USD", int split = 1, string name = "Tailspin") => new(Guid.NewGuid(), name, mrr, currency, split);

    [Theory]
    [InlineData(1000, "USD", 1, 10, "1,000 of MRR in the program currency is 10 points (the seed's example)")]
    [InlineData(1000, "EUR", 1, 10.8, "converted first: 1 EUR is 1.08 USD")]
    [InlineData(1200, "EUR", 2, 6.48, "converted, then split equally between two partners")]
    [InlineData(99, "USD", 3, 0.33, "small shares keep their cents")]
    public void TurnManagedMrrIntoPointsAfterConversionAndSplit(decimal mrr, string currency, int split, decimal points, string why)
    {
        var result = PointsCalculator.Calculate(Program, Facts(managed: [Account(mrr, currency, split)]), TierState.None, Today);

        var line = Assert.Single(result.Lines, l => l.Source == PointSource.ManagedMrr);
        Assert.True(points == line.Points, why);
        Assert.Equal(split, line.SplitWays);
        Assert.Equal(mrr, line.Mrr);
        Assert.Equal(currency, line.MrrCurrency);
        Assert.StartsWith("managed:", line.SourceKey);
    }

    [Fact]
    public void NeverSplitSoldMrr()
    {
        var result = PointsCalculator.Calculate(Program, Facts(sold: [Account(1000, split: 4)]), TierState.None, Today);

        var line = Assert.Single(result.Lines, l => l.Source == PointSource.SoldMrr);
        Assert.Equal(10m, line.Points);
        Assert.Equal(1, line.SplitWays);
    }

    [Fact]
    public void GiveNoPointsButSayWhyForACurrencyTheTableDoesNotKnow()
    {
        var result = PointsCalculator.Calculate(Program, Facts(sold: [Account(5000, "XAU")]), TierState.None, Today);

        var line = Assert.Single(result.Lines, l => l.Source == PointSource.SoldMrr);
        Assert.Equal(0m, line.Points);
        Assert.Contains("XAU is not in the program's conversion table", line.Description);
    }

    [Theory]
    [InlineData(9.99, null, "below Silver")]
    [InlineData(10, "Silver", "exactly Silver's threshold")]
    [InlineData(35, "Gold", "Gold")]
    [InlineData(150, "Platinum", "above Platinum")]
    public void ReachTheHighestTierWhoseThresholdThePointsMeet(decimal mrrHundreds, string? tier, string why)
    {
        var result = PointsCalculator.Calculate(Program, Facts(sold: [Account(mrrHundreds * 100)]), TierState.None, Today);

        Assert.True(tier == result.Decision.Tier, why);
    }

    [Fact]
    public void NotCountPartnershipTowardSilver()
    {
        // Five approved case studies are 10 points, Silver's threshold, but Partnership does not count toward Silver (P5).
        var studies = Enumerable.Range(0, 5).Select(i => new CaseStudyFact(Guid.NewGuid(), $"Customer {i}")).ToList();
        var alone = PointsCalculator.Calculate(Program, Facts(studies: studies), TierState.None, Today);
        Assert.Null(alone.Decision.Tier);
        Assert.Equal(10m, alone.Points);

        // Once Silver is reached on the other categories, Partnership counts toward Gold.
        var withSales = PointsCalculator.Calculate(Program, Facts(sold: [Account(2500)], studies: studies), TierState.None, Today);
        Assert.Equal("Gold", withSales.Decision.Tier);
        Assert.Equal(35m, withSales.Points);
        Assert.Equal(25m, withSales.PointsForSilver);
    }

    [Fact]
    public void AddPointsForEachBadgeAndWeighDealsByStage()
    {
        var deals = new[]
        {
            new DealFact(Guid.NewGuid(), "Won Co", 12_000, "USD", "Won"),
            new DealFact(Guid.NewGuid(), "Maybe Co", 12_000, "USD", "Proposal"),
            new DealFact(Guid.NewGuid(), "Lost Co", 12_000, "USD", "Lost"),
        };
        var result = PointsCalculator.Calculate(Program, Facts(badges: [new(null, "Certified partner"), new(null, "Healthcare"), new(null, "certified PARTNER")], deals: deals), TierState.None, Today);

        Assert.Equal(2, result.Lines.Count(l => l.Source == PointSource.Badge));
        Assert.Equal(10m, result.PointsOf(PointSource.Badge));
        // A won 12,000 ARR deal weighs as 1,000 of MRR (10 points); a proposal counts 25 %; a lost deal nothing.
        Assert.Equal([10m, 2.5m, 0m], result.Lines.Where(l => l.Source == PointSource.Deal).Select(l => l.Points));
    }

    [Fact]
    public void PromoteAtOnce()
    {
        var decision = PointsCalculator.Decide(Program, 40, 40, new TierState("Silver", null), Today);

        Assert.Equal("Gold", decision.Tier);
        Assert.False(decision.InGrace);
    }

    [Fact]
    public void WaitOneReviewCycleBeforeADemotion()
    {
        var first = PointsCalculator.Decide(Program, 20, 20, new TierState("Gold", null), Today);
        Assert.Equal("Gold", first.Tier);
        Assert.Equal("Silver", first.Reached);
        Assert.Equal(Today, first.BelowSince);
        Assert.Equal(Today.AddMonths(3), first.GraceUntil);

        var stillWaiting = PointsCalculator.Decide(Program, 20, 20, new TierState("Gold", first.BelowSince), Today.AddMonths(3).AddDays(-1));
        Assert.Equal("Gold", stillWaiting.Tier);
        Assert.Equal(first.GraceUntil, stillWaiting.GraceUntil);

        var demoted = PointsCalculator.Decide(Program, 20, 20, new TierState("Gold", first.BelowSince), Today.AddMonths(3));
        Assert.Equal("Silver", demoted.Tier);
        Assert.Null(demoted.BelowSince);
    }

    [Fact]
    public void ForgetAWaitingDemotionWhenThePointsComeBack()
    {
        var decision = PointsCalculator.Decide(Program, 36, 36, new TierState("Gold", Today.AddMonths(-2)), Today);

        Assert.Equal("Gold", decision.Tier);
        Assert.Null(decision.BelowSince);
        Assert.False(decision.InGrace);
    }

    [Fact]
    public void DemoteAtOnceWithoutGrace()
    {
        var program = new ProgramSettings { DemotionGraceCycles = 0, Metrics = [] };

        Assert.Equal("Silver", PointsCalculator.Decide(program, 20, 20, new TierState("Gold", null), Today).Tier);
    }

    [Fact]
    public void PayTheReferralCommissionOfTheTierHeldAndGiveItNoPoints()
    {
        var result = PointsCalculator.Calculate(Program, Facts(sold: [Account(4000)], referred: [Account(1000, "EUR", name: "Fabrikam")]), TierState.None, Today);

        var referral = Assert.Single(result.Lines, l => l.Source == PointSource.Referral);
        Assert.Equal("Gold", result.Decision.Tier);
        Assert.Equal(0m, referral.Points);
        // Gold's 10 % of 1,080 USD.
        Assert.Equal(108m, referral.Commission);
        Assert.Contains("Fabrikam", referral.Description);
    }

    [Fact]
    public void SayWhatIsMissingForTheNextTierInPointsAndConcreteTerms()
    {
        var result = PointsCalculator.Calculate(Program, Facts(managed: [Account(1000), Account(1000)], badges: [new(null, "Certified partner")]), TierState.None, Today);

        Assert.Equal("Silver", result.Decision.Tier);
        var next = Assert.IsType<NextTier>(result.Next);
        Assert.Equal("Gold", next.Name);
        Assert.Equal(35m - result.Points, next.MissingPoints);
        Assert.Contains(next.Ways, w => w.StartsWith("1 more managed account at your current average of 10 points", StringComparison.Ordinal));
    }

    [Fact]
    public void ScoreMetricsInProportionToTheirTarget()
    {
        // 10,000 USD of MRR is 120,000 ARR: the ARR metric's target, so its 5 points in full; growth from 100,000 is 20 %: its target too.
        var facts = Facts(sold: [Account(10_000)]) with { ArrYearBefore = 100_000m, Metrics = new Dictionary<string, decimal> { [MetricKeys.Satisfaction] = 45m } };
        var result = PointsCalculator.Calculate(new ProgramSettings(), facts, TierState.None, Today);

        Assert.Equal(5m, result.Lines.Single(l => l.SourceKey == "metric:" + MetricKeys.MinimumArr).Points);
        Assert.Equal(5m, result.Lines.Single(l => l.SourceKey == "metric:" + MetricKeys.ArrGrowth).Points);
        Assert.Equal(1.5m, result.Lines.Single(l => l.SourceKey == "metric:" + MetricKeys.Satisfaction).Points);
        Assert.DoesNotContain(result.Lines, l => l.SourceKey == "metric:" + MetricKeys.BusinessPlan);
    }

    [Fact]
    public void GiveTheSameLinesForTheSameFacts()
    {
        var facts = Facts(sold: [Account(1234.56m, "GBP")], managed: [Account(700, "EUR", 3)], badges: [new(null, "Healthcare")]);

        var first = PointsCalculator.Calculate(Program, facts, TierState.None, Today);
        var second = PointsCalculator.Calculate(Program, facts, TierState.None, Today);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.Lines.Count, first.Lines.Select(l => l.SourceKey).Distinct().Count());
    }
}
