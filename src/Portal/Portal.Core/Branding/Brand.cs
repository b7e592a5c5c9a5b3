using System.ComponentModel;
using PartnerPortal.Accounts;
using PartnerPortal.Theming;

namespace PartnerPortal.Branding;

/// <summary>
/// The branding an organization shows (T3–T7): its own settings completed by its reseller's defaults,
/// with colours that are always valid <c>#rrggbb</c>. It is the one shape pages, favicons and
/// e-mails read; cached with the tenant, so showing it needs no query. The platform's own host
/// shows <see cref="ForPlatform"/>. What an admin edits is <see cref="Accounts.Branding"/>.
/// </summary>
[ImmutableObject(true)]
public sealed record Brand
{
    /// <summary>Where an uploaded logo is served on the organization's own host.</summary>
    public const string LogoAddress = "/branding/logo";

    /// <summary>Where an uploaded favicon is served.</summary>
    public const string FaviconAddress = "/branding/favicon";

    /// <summary>Where the favicon rendered from the theme's template is served (T5).</summary>
    public const string RenderedFaviconAddress = "/favicon.svg";

    public required string ProductName { get; init; }

    public string PrimaryColor
    {
        get;
        init => field = BrandColors.IsValid(value) ? value : throw new ArgumentException($"'{value}' is not a #rrggbb colour.", nameof(PrimaryColor));
    } = BrandColors.DefaultPrimary;

    public string AccentColor
    {
        get;
        init => field = BrandColors.IsValid(value) ? value : throw new ArgumentException($"'{value}' is not a #rrggbb colour.", nameof(AccentColor));
    } = BrandColors.DefaultAccent;

    /// <summary>The theme pages and e-mails render with: the organization's choice, else its reseller's client theme, else <c>default</c> (T6).</summary>
    public string Theme { get; init; } = ThemeCatalog.DefaultTheme;

    public string? FooterText { get; init; }

    public string? SupportEmail { get; init; }

    public string? SupportUrl { get; init; }

    public string? SupportPhone { get; init; }

    /// <summary>Version of the uploaded logo, or null when there is none.</summary>
    public string? LogoVersion { get; init; }

    /// <summary>Version of the uploaded favicon, or null to render one from the theme.</summary>
    public string? FaviconVersion { get; init; }

    public string? MailFromName { get; init; }

    public string? MailFromAddress { get; init; }

    /// <summary>Set once the sending domain's DKIM records verify (T8).</summary>
    public bool SenderDomainVerified { get; init; }

    public bool HasSupportContact => SupportEmail is not null || SupportUrl is not null || SupportPhone is not null;

    /// <summary>The uploaded logo's address, versioned so a new upload gets a new URL; null when there is none.</summary>
    public string? LogoPath => LogoVersion is { } version ? $"{LogoAddress}?v={version}" : null;

    /// <summary>The uploaded favicon's versioned address, or the one rendered from the theme.</summary>
    public string FaviconPath => FaviconVersion is { } version ? $"{FaviconAddress}?v={version}" : RenderedFaviconAddress;

    /// <summary>The name e-mail is sent under (T7).</summary>
    public string SenderName => MailFromName ?? ProductName;

    /// <summary>
    /// The brand as the flat, plain values a theme's Scriban templates read (e-mail layouts, the
    /// favicon): empty text where there is nothing, never null.
    /// </summary>
    public Dictionary<string, string?> TemplateValues() => new(StringComparer.Ordinal)
    {
        ["org_name"] = ProductName,
        ["brand_color"] = PrimaryColor,
        ["accent_color"] = AccentColor,
        ["footer_text"] = FooterText ?? string.Empty,
        ["support_email"] = SupportEmail ?? string.Empty,
        ["support_url"] = SupportUrl ?? string.Empty,
        ["support_phone"] = SupportPhone ?? string.Empty,
    };

    /// <summary>The platform's own brand, on its own host and in its own e-mails: its name, the default colours and theme.</summary>
    public static Brand ForPlatform(string platformName) => new() { ProductName = platformName, MailFromName = platformName };

    /// <summary>
    /// An organization's brand: its own settings, with its reseller's client theme and support
    /// contact as defaults (T3), and the default colours in place of any stored colour that is not
    /// <c>#rrggbb</c>.
    /// </summary>
    /// <param name="reseller">The branding of the organization's reseller; null for a direct client or a partner.</param>
    public static Brand Resolve(Organization organization, Accounts.Branding? reseller)
    {
        var own = organization.Branding;
        // The support contact is one unit: a client with any contact of its own shows only its own.
        var support = HasSupport(own) || reseller is null ? own : reseller;
        return new Brand
        {
            ProductName = Clean(own.ProductName) ?? organization.Name,
            PrimaryColor = BrandColors.IsValid(own.PrimaryColor) ? own.PrimaryColor : BrandColors.DefaultPrimary,
            AccentColor = BrandColors.IsValid(own.AccentColor) ? own.AccentColor : BrandColors.DefaultAccent,
            Theme = own.Theme ?? reseller?.ClientTheme ?? ThemeCatalog.DefaultTheme,
            FooterText = own.FooterText,
            SupportEmail = Clean(support.SupportEmail),
            SupportUrl = Clean(support.SupportUrl),
            SupportPhone = Clean(support.SupportPhone),
            LogoVersion = own.LogoVersion,
            FaviconVersion = own.FaviconVersion,
            MailFromName = own.MailFromName,
            MailFromAddress = own.MailFromAddress,
            SenderDomainVerified = own.SenderDomainVerified,
        };
    }

    private static bool HasSupport(Accounts.Branding b) =>
        Clean(b.SupportEmail) is not null || Clean(b.SupportUrl) is not null || Clean(b.SupportPhone) is not null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
