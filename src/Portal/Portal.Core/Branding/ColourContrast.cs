using System.Globalization;
using PartnerPortal.Accounts;

namespace PartnerPortal.Branding;

/// <summary>
/// WCAG 2.x contrast between two <c>#rrggbb</c> colours. Themes put white text on the primary and
/// accent colours (header, buttons), so a brand colour that is too light gets a warning.
/// </summary>
public static class ColourContrast
{
    /// <summary>WCAG AA for normal text.</summary>
    public const double MinimumForText = 4.5;

    public const string White = "#FFFFFF";

    /// <summary>The contrast ratio, from 1 (none) to 21 (black on white).</summary>
    public static double Ratio(string first, string second)
    {
        var a = RelativeLuminance(first);
        var b = RelativeLuminance(second);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    public static bool WhiteTextIsReadableOn(string background) => Ratio(White, background) >= MinimumForText;

    public static double RelativeLuminance(string colour)
    {
        if (!BrandColors.IsValid(colour)) throw new ArgumentException($"'{colour}' is not a #rrggbb colour.", nameof(colour));
        return 0.2126 * Channel(colour, 1) + 0.7152 * Channel(colour, 3) + 0.0722 * Channel(colour, 5);

        static double Channel(string hex, int start)
        {
            var value = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
    }
}
