using System.Globalization;
using System.Net;

namespace PartnerPortal.Tenancy;

/// <summary>
/// The one way a Host header becomes a lookup key (T1): lower case, no port, no trailing dot,
/// IDN as punycode. Anything that is not a plain DNS name (IP literals, CR/LF, over-long names,
/// odd characters) is rejected rather than guessed at.
/// </summary>
public static class HostName
{
    private const int MaxLength = 253;
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool TryNormalize(string? raw, out string host)
    {
        host = string.Empty;
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxLength + 6) return false;

        var value = raw.Trim();
        if (value.StartsWith('[')) return false; // IPv6 literal

        var colon = value.LastIndexOf(':');
        if (colon >= 0)
        {
            var port = value[(colon + 1)..];
            if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit)) return false;
            value = value[..colon];
        }

        value = value.TrimEnd('.');
        if (value.Length is 0 or > MaxLength) return false;
        if (IPAddress.TryParse(value, out _)) return false;

        try
        {
            value = Idn.GetAscii(value).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (value.Length > MaxLength) return false;
        foreach (var label in value.Split('.'))
        {
            if (label.Length is 0 or > 63) return false;
            if (label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }

        // An all-numeric last label is an IPv4 address in another spelling (e.g. 2130706433 or 127.1).
        if (value.Split('.')[^1].All(char.IsAsciiDigit)) return false;

        host = value;
        return true;
    }

    public static string Normalize(string raw) =>
        TryNormalize(raw, out var host) ? host : throw new ArgumentException($"'{raw}' is not a valid host name.", nameof(raw));
}
