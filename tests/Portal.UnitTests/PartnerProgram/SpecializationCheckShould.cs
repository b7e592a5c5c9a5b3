using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.UnitTests.PartnerProgram;

/// <summary>Specializations (P7), industry verticals and product lines: the four conditions, evaluated from a partner's facts.</summary>
public sealed class SpecializationCheckShould
{
    private static readonly DateOnly May = new(2026, 5, 1);

    private static readonly SpecializationRule Healthcare = new()
    {
        Name = "Healthcare", Kind = SpecializationCheck.IndustryVertical, MinActiveClients = 3, MinSuccessfulEngagements = 2, MinRevenueShare = 0.35m, RequiredCertifications = ["HIPAA"],
    };

    private static readonly SpecializationRule DigitalAssets = new()
    {
        Name = "Digital assets", Kind = SpecializationCheck.ProductLine, MinActiveClients = 2, MinSuccessfulEngagements = 1, MinRevenueShare = 0.35m, RequiredCertifications = ["Product certification"],
    };

    private static readonly ProgramSettings Program = new() { Metrics = [], Specializations = [Healthcare, DigitalAssets] };

    private static AccountMrr Client(string? industry, decimal mrr = 100m, string currency = "USD", int split = 1, string? productLine = null) => new(Guid.NewGuid(), "Client", mrr, currency, split, industry, productLine);

    private static CaseStudyFact Study(string? industry, string? productLine = null) => new(Guid.NewGuid(), "Customer", industry, productLine);

    private static SpecializationProgress Of(SpecializationRule rule, PartnerFacts facts) => SpecializationCheck.Evaluate(Program, facts).Single(p => p.Rule == rule);

    private static readonly BadgeFact Hipaa = new(Guid.NewGuid(), "HIPAA");

    /// <summary>Three healthcare clients of four (75 % of the MRR), two healthcare case studies, HIPAA held: the rule holds.</summary>
    private static PartnerFacts Qualifying(IReadOnlyList<BadgeFact>? badges = null) =>
        new(May, [Client("Healthcare"), Client("healthcare ")], [Client("Healthcare"), Client("Retail and e-commerce")], [], badges ?? [Hipaa], [], [Study("Healthcare"), Study("Healthcare"), Study("Education")]);

    [Fact]
    public void CountClientsCaseStudiesRevenueAndCertificationsOfTheVertical()
    {
        var progress = Of(Healthcare, Qualifying());

        Assert.Equal(3, progress.ActiveClients);
        Assert.Equal(2, progress.Engagements);
        Assert.Equal(0.75m, progress.RevenueShare);
        Assert.Empty(progress.MissingCertifications);
        Assert.True(progress.Holds);
        Assert.Equal("Healthcare: 3 of 3 active clients, 2 of 2 case studies, 75 % of 35 % revenue, all certifications held", progress.Summary);
    }

    [Theory]
    [InlineData("clients", "two healthcare clients are fewer than three")]
    [InlineData("studies", "one healthcare case study is fewer than two")]
    [InlineData("revenue", "a large retail client brings the healthcare share under 35 %")]
    [InlineData("certification", "HIPAA is not held")]
    public void NotHoldWhenAnyConditionFails(string missing, string why)
    {
        var facts = Qualifying();
        facts = missing switch
        {
            "clients" => facts with { Sold = [Client("Healthcare")] },
            "studies" => facts with { CaseStudies = [Study("Healthcare")] },
            "revenue" => facts with { Managed = [Client("Healthcare"), Client("Retail and e-commerce", mrr: 1000m)] },
            _ => facts with { Badges = [] },
        };

        Assert.False(Of(Healthcare, facts).Holds, why);
    }

    [Fact]
    public void ShareRevenueAsThePointsCountIt()
    {
        // 2,000 EUR managed by two partners counts 1,080 USD; the 1,080 USD retail client makes the share exactly half.
        var facts = new PartnerFacts(May, [Client("Retail and e-commerce", 1080m)], [Client("Healthcare", 2000m, "EUR", 2)], [], [], [], []);

        Assert.Equal(0.5m, Of(Healthcare, facts).RevenueShare);
    }

    [Fact]
    public void CountOnlyCertificationsAsCertifications()
    {
        // A specialization badge named like the certification is not the certification.
        var facts = Qualifying([new BadgeFact(Guid.NewGuid(), "HIPAA", "Industry vertical")]);

        var progress = Of(Healthcare, facts);

        Assert.Equal(["HIPAA"], progress.MissingCertifications);
        Assert.EndsWith("missing HIPAA certification", progress.Summary);
    }

    [Fact]
    public void EarnAVerticalOnce()
    {
        var (earn, revoke) = SpecializationCheck.Changes(Program, Qualifying());
        Assert.Equal([Healthcare], earn);
        Assert.Empty(revoke);

        // Already held (here by hand): nothing to earn again.
        var held = Qualifying([Hipaa, new BadgeFact(Guid.NewGuid(), "Healthcare", "Industry vertical")]);
        Assert.Empty(SpecializationCheck.Changes(Program, held).Earn);
    }

    [Fact]
    public void CountAProductLineByTheClientsPlansAndTheCaseStudiesNamingIt()
    {
        var certified = new BadgeFact(Guid.NewGuid(), "Product certification");
        // Two clients of three on the line's plans (200 of 300), one case study naming it; the healthcare one names no line.
        var facts = new PartnerFacts(May, [Client("Retail and e-commerce", productLine: "Digital assets"), Client(null, productLine: "digital assets ")],
            [Client("Healthcare")], [], [certified], [], [Study("Retail and e-commerce", "Digital assets"), Study("Healthcare")]);

        var progress = Of(DigitalAssets, facts);

        Assert.Equal((2, 1, 2m / 3m), (progress.ActiveClients, progress.Engagements, progress.RevenueShare));
        Assert.True(progress.Holds);
        Assert.Equal([DigitalAssets], SpecializationCheck.Changes(Program, facts).Earn);
        Assert.Equal(["Product certification"], Of(DigitalAssets, facts with { Badges = [] }).MissingCertifications);
        Assert.False(Of(DigitalAssets, facts with { CaseStudies = [Study("Healthcare")] }).Holds, "no case study names the line");
    }

    [Fact]
    public void RevokeOnlyAutoEarnedBadgesWhenTheRuleNoLongerHolds()
    {
        var auto = new BadgeFact(Guid.NewGuid(), "Healthcare", "Industry vertical", AutoEarned: true);
        var manual = new BadgeFact(Guid.NewGuid(), "Healthcare", "Industry vertical");
        var digital = new BadgeFact(Guid.NewGuid(), "Digital assets", "Product line", AutoEarned: true);
        var failing = Qualifying([auto, manual, digital]) with { CaseStudies = [] };

        var (earn, revoke) = SpecializationCheck.Changes(Program, failing);

        Assert.Empty(earn);
        // No client is on a Digital assets plan: the auto-earned line goes too; the vertical granted by hand stays.
        Assert.Equal([auto, digital], revoke);
        Assert.Empty(SpecializationCheck.Changes(Program, Qualifying([Hipaa, auto])).Revoke);
    }

    [Fact]
    public void CountAnEarnedVerticalInThePointsAsTheRecalculationWill()
    {
        var before = PointsCalculator.Calculate(Program, Qualifying(), TierState.None, May);
        var after = PointsCalculator.Calculate(Program, SpecializationCheck.Applied(Program, Qualifying()), TierState.None, May);

        Assert.Equal(Program.PointsPerBadge, after.Points - before.Points);
        Assert.Contains(after.Lines, l => l.Description == "Badge “Healthcare”");
    }
}
