using System.Globalization;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>
/// A consultant's invoice numbers in their partner organization (which owns the row): the prefix
/// they chose and the last number of the current year. Numbers have no gaps: the issuing
/// transaction claims the next one with a conditional update, and a rolled-back issue gives its
/// number back with it.
/// </summary>
public sealed class InvoiceNumberSeries : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public Guid ConsultantUserId { get; set; }

    public required string Prefix { get; set; }

    /// <summary>The year of <see cref="LastSequence"/> (0 before the first invoice); the first invoice of a new year starts at 1 again.</summary>
    public int Year { get; set; }

    public int LastSequence { get; set; }
}

/// <summary>How invoice numbers read: <c>NW-2026-0007</c>.</summary>
public static class InvoiceNumbers
{
    public const int MaxPrefixLength = 8;

    public static string Format(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{sequence:D4}");

    /// <summary>Letters and digits only, 1 to <see cref="MaxPrefixLength"/>, upper case; null when <paramref name="input"/> is none.</summary>
    public static string? NormalizePrefix(string? input)
    {
        var prefix = input?.Trim().ToUpperInvariant() ?? string.Empty;
        return prefix.Length is >= 1 and <= MaxPrefixLength && prefix.All(char.IsAsciiLetterOrDigit) ? prefix : null;
    }

    /// <summary>The initials of the partner's name until the consultant chooses: "Northwind Partners" → "NP".</summary>
    public static string DefaultPrefix(string partnerName)
    {
        var words = partnerName.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .ToList();
        var prefix = words.Count >= 2
            ? string.Concat(words.Take(4).Select(w => w[0]))
            : words.FirstOrDefault() is { } one ? one[..Math.Min(3, one.Length)] : "INV";
        return prefix.ToUpperInvariant();
    }
}
