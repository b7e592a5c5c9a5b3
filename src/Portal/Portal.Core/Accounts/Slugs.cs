namespace PartnerPortal.Accounts;

/// <summary>Rules for the platform subdomain of an organization.</summary>
public static class Slugs
{
    private static readonly HashSet<string> Reserved =
        ["www", "api", "admin", "app", "mail", "smtp", "portal", "platform", "static", "assets", "status", "help", "support", "health"];

    /// <summary>Returns null when valid, else a message that says what to change.</summary>
    public static string? Validate(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug)) return "Enter a subdomain.";
        if (slug.Length is < 2 or > 63) return "A subdomain has 2 to 63 characters.";
        if (!slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            return "Use lower-case letters, digits and hyphens only.";
        if (slug[0] == '-' || slug[^1] == '-') return "A subdomain cannot start or end with a hyphen.";
        if (Reserved.Contains(slug)) return $"'{slug}' is reserved; choose another subdomain.";
        return null;
    }
}
