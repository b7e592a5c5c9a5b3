using Microsoft.Extensions.Options;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Branding;

/// <summary>
/// What a theme's layout and partials show of the organization (T3–T6), worked out once per
/// request from the cached tenant, without a database query. Razor encodes every string it writes;
/// the colours are validated <c>#rrggbb</c>, so they are safe inside the nonce'd style block.
/// </summary>
public sealed class PageBrand(IHttpContextAccessor http, IOptions<PortalOptions> portal, ThemeCatalog themes)
{
    private IReadOnlyList<string>? _stylesheets;

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("PageBrand is for requests.");

    public TenantInfo? Tenant => Context.Tenancy()?.Tenant;

    public bool IsPlatform => Context.Tenancy()?.IsPlatform == true;

    public string PlatformName => portal.Value.PlatformName;

    /// <summary>The product name (the organization's name unless it set one); the platform's on the platform host.</summary>
    public string Name => Tenant?.Branding.ProductName ?? PlatformName;

    public string PrimaryColor => Tenant?.Branding.PrimaryColor ?? PartnerPortal.Accounts.BrandColors.DefaultPrimary;

    public string AccentColor => Tenant?.Branding.AccentColor ?? PartnerPortal.Accounts.BrandColors.DefaultAccent;

    public string Theme => Context.ActiveTheme();

    /// <summary>Base theme first, the active theme's own stylesheet last.</summary>
    public IReadOnlyList<string> Stylesheets => _stylesheets ??= themes.Stylesheets(Theme);

    public string? LogoUrl => Tenant?.Branding.LogoVersion is { } version ? $"{BrandAssetEndpoints.LogoPath}?v={version}" : null;

    public string FaviconUrl => Tenant?.Branding.FaviconVersion is { } version ? $"{BrandAssetEndpoints.FaviconPath}?v={version}" : FaviconEndpoint.Path;

    public string? FooterText => Tenant?.Branding.FooterText;

    public TenantBranding? Branding => Tenant?.Branding;

    /// <summary>"Powered by" for a direct client; nothing for a reseller's client (T4) or the platform itself.</summary>
    public string? PoweredBy => Tenant is { IsWhiteLabelled: false } ? PlatformName : null;

    /// <summary>The style block's nonce (strict CSP: no other inline style runs).</summary>
    public string Nonce => Context.CspNonce();

    /// <summary>Colours as CSS custom properties, for the nonce'd style block.</summary>
    public string CssVariables => $":root {{ --brand: {PrimaryColor}; --accent: {AccentColor}; }}";

    public string Title(string? pageTitle) => pageTitle is null ? Name : $"{pageTitle} · {Name}";

    /// <summary>A <c>tel:</c> link target: the digits and a leading plus only.</summary>
    public static string TelHref(string phone) => "tel:" + string.Concat(phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)));
}
