using Microsoft.Extensions.Options;
using PartnerPortal.Branding;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Branding;

/// <summary>
/// What a theme's layout and partials need besides the organization's <see cref="Brand"/>
/// (<see cref="Current"/>, from the cached tenant, without a database query): the active theme's
/// stylesheets, the title, the nonce and the colours as CSS. Razor encodes every string it writes;
/// a brand's colours are always valid <c>#rrggbb</c>, so they are safe inside the nonce'd style block.
/// </summary>
public sealed class PageBrand(IHttpContextAccessor http, IOptions<PortalOptions> portal, ThemeCatalog themes)
{
    private IReadOnlyList<string>? _stylesheets;
    private Brand? _current;

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("PageBrand is for requests.");

    public TenantInfo? Tenant => Context.Tenancy()?.Tenant;

    public bool IsPlatform => Context.Tenancy()?.IsPlatform == true;

    public string PlatformName => portal.Value.PlatformName;

    /// <summary>The brand this page shows: the organization's, or the platform's own where there is no organization.</summary>
    public Brand Current => _current ??= Tenant?.Branding ?? Brand.ForPlatform(PlatformName);

    public string Theme => Context.ActiveTheme();

    /// <summary>Base theme first, the active theme's own stylesheet last.</summary>
    public IReadOnlyList<string> Stylesheets => _stylesheets ??= themes.Stylesheets(Theme);

    /// <summary>"Powered by" for a direct client; nothing for a reseller's client (T4) or the platform itself.</summary>
    public string? PoweredBy => Tenant is { IsWhiteLabelled: false } ? PlatformName : null;

    /// <summary>The style block's nonce (strict CSP: no other inline style runs).</summary>
    public string Nonce => Context.CspNonce();

    /// <summary>
    /// The darkest paper a light theme puts text on (Ledger's page); links in the brand colour are
    /// darkened until they read on it, so every light theme's links reach 4.5:1.
    /// </summary>
    public const string LightestPaperForLinks = "#F4EFE4";

    /// <summary>
    /// Colours as CSS custom properties, for the nonce'd style block: the brand's colours, the text
    /// colour that reads on each (white or black by contrast, so a light brand colour never hides
    /// the header's or a button's text) and the brand colour as link text on light pages.
    /// </summary>
    public string CssVariables =>
        $":root {{ --brand: {Current.PrimaryColor}; --accent: {Current.AccentColor}; " +
        $"--on-brand: {ColourContrast.TextOn(Current.PrimaryColor)}; --on-accent: {ColourContrast.TextOn(Current.AccentColor)}; " +
        $"--brand-text: {ColourContrast.ReadableOn(Current.PrimaryColor, LightestPaperForLinks)}; }}";

    public string Title(string? pageTitle) => pageTitle is null ? Current.ProductName : $"{pageTitle} · {Current.ProductName}";

    /// <summary>A <c>tel:</c> link target: the digits and a leading plus only.</summary>
    public static string TelHref(string phone) => "tel:" + string.Concat(phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)));
}
