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

    [Theory]
    [InlineData("#1D4ED8", "#FFFFFF", "the default primary keeps white text")]
    [InlineData("#0E7C86", "#FFFFFF", "Contoso's teal: 4.9:1 for white")]
    [InlineData("#FACC15", "#000000", "yellow: white would be 1.5:1")]
    [InlineData("#FFFFFF", "#000000", "white on white would vanish")]
    [InlineData("#F87171", "#000000", "Bold's light red: white is 2.8:1")]
    public void PutWhiteOrBlackTextOnABrandColourByContrast(string background, string text, string reason)
    {
        Assert.True(ColourContrast.TextOn(background) == text, reason);
        Assert.True(ColourContrast.Ratio(ColourContrast.TextOn(background), background) >= ColourContrast.MinimumForText, reason);
    }

    [Theory]
    [InlineData("#1D4ED8", "#F4EFE4", "already readable: unchanged")]
    [InlineData("#0E7C86", "#F4EFE4", "Contoso's teal on Ledger's paper: darkened")]
    [InlineData("#FACC15", "#FFFFFF", "yellow: darkened a long way")]
    [InlineData("#FFFFFF", "#FFFFFF", "white: down to a dark grey")]
    public void DarkenABrandColourUntilItReadsAsText(string colour, string background, string reason)
    {
        var text = ColourContrast.ReadableOn(colour, background);

        Assert.True(ColourContrast.Ratio(text, background) >= ColourContrast.MinimumForText, $"{reason}: {text}");
        Assert.True(ColourContrast.Ratio(colour, background) >= ColourContrast.MinimumForText == (text == colour), reason);
        Assert.True(BrandColors.IsValid(text), reason);
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
