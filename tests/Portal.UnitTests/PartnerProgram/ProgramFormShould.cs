using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.UnitTests.PartnerProgram;

/// <summary>What platform admins type on /platform/program: every mistake says what to fix and saves nothing.</summary>
public sealed class ProgramFormShould
{
    private static readonly ProgramSettings Defaults = new();

    [Fact]
    public void ReadBackTheDefaultsUnchanged()
    {
        var (program, error) = ProgramForm.From(Defaults).Build(Defaults);

        Assert.Null(error);
        Assert.Equal(Defaults.ToJson(), program!.ToJson());
    }

    [Theory]
    [InlineData("currency", "US", "three-letter ISO code")]
    [InlineData("conversion", "EUR one", "Line 1 of the conversion table")]
    [InlineData("conversion", "EUR -1", "Line 1 of the conversion table")]
    [InlineData("conversion", "EUR 1\nEUR 2", "EUR appears twice")]
    [InlineData("gold", "5", "raise the threshold of Gold above 10")]
    [InlineData("silver-discount", "120", "reseller discount of Silver as a percentage")]
    [InlineData("cycle", "0", "review cycle")]
    [InlineData("cycle", "2.5", "review cycle")]
    [InlineData("activities", "Solutions Published!", "Qualifying activities")]
    public void RefuseWhatIsNotAProgram(string field, string value, string message)
    {
        var form = ProgramForm.From(Defaults);
        switch (field)
        {
            case "currency": form.Currency = value; break;
            case "conversion": form.Conversion = value; break;
            case "gold": form.Tiers[1].Threshold = value; break;
            case "silver-discount": form.Tiers[0].ResellerDiscount = value; break;
            case "cycle": form.ReviewCycleMonths = value; break;
            case "activities": form.QualifyingActivities = value; break;
        }

        var (program, error) = form.Build(Defaults);

        Assert.Null(program);
        Assert.Contains(message, error);
    }

    [Fact]
    public void TakePercentagesAsPercent()
    {
        var form = ProgramForm.From(Defaults);
        form.Tiers[2].ResellerDiscount = "35";

        var (program, _) = form.Build(Defaults);

        Assert.Equal(0.35m, program!.TierNamed("Platinum")!.ResellerDiscount);
        Assert.Contains("Platinum reseller discount 30 % → 35 %", ProgramForm.Describe(Defaults, program));
    }

    [Fact]
    public void SurviveTheJsonRoundTrip()
    {
        var program = new ProgramSettings { Currency = "EUR" };
        program.Conversion["usd"] = 0.9m;

        var read = ProgramSettings.FromJson(program.ToJson())!;

        Assert.Equal(0.9m, read.RateOf("USD"));
        Assert.Equal(1m, read.RateOf("eur"));
        Assert.Null(ProgramSettings.FromJson("{not json"));
    }
}
