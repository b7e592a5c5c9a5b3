using PartnerPortal.Accounts;
using PartnerPortal.Branding;

namespace PartnerPortal.UnitTests;

/// <summary>Brand colours: only #rrggbb reaches CSS, and white text on them is checked against WCAG AA.</summary>
public sealed class ColourContrastShould
{
    [Theory]
    [InlineData("#1D4ED8", true, "upper-case hex")]
    [InlineData("#0e7c86", true, "lower-case hex")]
    [InlineData("#FFF", false, "the short form is not accepted")]
    [InlineData("1D4ED8", false, "no #")]
    [InlineData("#1D4ED8;", false, "a trailing character could end the CSS declaration")]
    [InlineData("#GGGGGG", false, "not hexadecimal")]
    [InlineData("red", false, "a colour name")]
    [InlineData("#000000}body{", false, "CSS injection")]
    [InlineData("", false, "empty")]
    [InlineData(null, false, "missing")]
    public void AcceptOnlySixDigitHex(string? value, bool valid, string reason)
    {
        Assert.True(BrandColors.IsValid(value) == valid, reason);
    }

    [Theory]
    [InlineData("#000000", "#FFFFFF", 21.0, "black on white is the maximum")]
    [InlineData("#FFFFFF", "#FFFFFF", 1.0, "a colour on itself has none")]
    [InlineData("#FFFFFF", "#1D4ED8", 6.70, "the default primary")]
    [InlineData("#FFFFFF", "#777777", 4.48, "the classic grey just under AA")]
    [InlineData("#FFFFFF", "#FFFF00", 1.07, "yellow")]
    public void MeasureContrastAsWcagDoes(string first, string second, double expected, string reason)
    {
        Assert.True(Math.Abs(ColourContrast.Ratio(first, second) - expected) < 0.01, $"{reason}: {ColourContrast.Ratio(first, second):0.000}");
        Assert.Equal(ColourContrast.Ratio(first, second), ColourContrast.Ratio(second, first), 10);
    }

    [Theory]
    [InlineData("#1D4ED8", true)]
    [InlineData("#0E7C86", true)]
    [InlineData("#767676", true)] // 4.54:1, the lightest grey that passes
    [InlineData("#777777", false)]
    [InlineData("#FACC15", false)]
    public void TellWhetherWhiteTextIsReadable(string background, bool readable)
    {
        Assert.Equal(readable, ColourContrast.WhiteTextIsReadableOn(background));
    }

    [Fact]
    public void WarnAboutEachColourWhiteTextCannotBeReadOn()
    {
        Assert.Empty(BrandingSettings.ContrastWarnings("#1D4ED8", "#0F766E"));

        var warnings = BrandingSettings.ContrastWarnings("#FACC15", "#0F766E");
        var warning = Assert.Single(warnings);
        Assert.Contains("primary colour #FACC15", warning);
        Assert.Contains("4.5:1", warning);

        Assert.Equal(2, BrandingSettings.ContrastWarnings("#FFFFFF", "#FDE68A").Count);
    }

    [Fact]
    public void RefuseToMeasureSomethingThatIsNotAColour()
    {
        Assert.Throws<ArgumentException>(() => ColourContrast.Ratio("red", "#FFFFFF"));
    }
}
