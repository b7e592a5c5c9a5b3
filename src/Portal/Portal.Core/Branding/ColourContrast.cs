using System.Globalization;
using PartnerPortal.Accounts;

namespace PartnerPortal.Branding;

/// <summary>
/// WCAG 2.x contrast between two <c>#rrggbb</c> colours. Themes put text on the primary and accent
/// colours (header, buttons): white where it reads, black where it does not (<see cref="TextOn"/>),
/// and a brand colour that white cannot be read on gets a warning, since the look changes.
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

    public const string Black = "#000000";

    public static bool WhiteTextIsReadableOn(string background) => Ratio(White, background) >= MinimumForText;

    /// <summary>
    /// The text colour for a tenant's colour used as a background (header, buttons): white where it
    /// reads (the themes' look), otherwise black, which then always reads better.
    /// </summary>
    public static string TextOn(string background) =>
        WhiteTextIsReadableOn(background) || Ratio(White, background) >= Ratio(Black, background) ? White : Black;

    /// <summary>
    /// <paramref name="colour"/> as text on <paramref name="background"/>: itself when it reads
    /// (4.5:1), otherwise darkened step by step towards black until it does, so links keep the
    /// brand's hue. For light backgrounds (black on them always reads).
    /// </summary>
    public static string ReadableOn(string colour, string background)
    {
        if (!BrandColors.IsValid(colour)) throw new ArgumentException($"'{colour}' is not a #rrggbb colour.", nameof(colour));
        var channels = new[] { Hex(colour, 1), Hex(colour, 3), Hex(colour, 5) };
        var candidate = colour;
        for (var step = 1; Ratio(candidate, background) < MinimumForText && step <= 20; step++)
        {
            var keep = 1 - step / 20.0;
            candidate = "#" + string.Concat(channels.Select(c => ((int)Math.Round(c * keep)).ToString("X2", CultureInfo.InvariantCulture)));
        }

        return candidate;
    }

    public static double RelativeLuminance(string colour)
    {
        if (!BrandColors.IsValid(colour)) throw new ArgumentException($"'{colour}' is not a #rrggbb colour.", nameof(colour));
        return 0.2126 * Channel(colour, 1) + 0.7152 * Channel(colour, 3) + 0.0722 * Channel(colour, 5);

        static double Channel(string hex, int start)
        {
            var value = Hex(hex, start) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
    }

    private static int Hex(string colour, int start) => int.Parse(colour.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
