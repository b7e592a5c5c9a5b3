using System.ComponentModel;
using PartnerPortal.Accounts;

namespace PartnerPortal.Tenancy;

/// <summary>
/// What a request needs to know about its organization, cached per host so that a warm request
/// never reads the database to learn it. Branding is here because every page renders it.
/// </summary>
[ImmutableObject(true)]
public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    OrganizationKind Kind,
    OrganizationStatus Status,
    string PrimaryHost,
    Guid? ResellerId,
    string? ResellerName,
    TenantBranding Branding)
{
    /// <summary>A reseller's client never sees the platform's name (T4).</summary>
    public bool IsWhiteLabelled => ResellerId is not null;

    /// <summary>Installed modules switched off for this organization (DESIGN "Modules"); cached with the rest.</summary>
    public IReadOnlySet<string> ModulesOff { get; init; } = NoModules;

    private static readonly IReadOnlySet<string> NoModules = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the module named <paramref name="module"/> is switched on here (installing it is the host's business).</summary>
    public bool IsModuleOn(string module) => !ModulesOff.Contains(module);

    /// <param name="resellerBranding">The reseller's own branding: its client theme and support contact are this client's defaults (T3).</param>
    public static TenantInfo From(Organization org, string platformDomain, Guid? resellerId = null, string? resellerName = null, Accounts.Branding? resellerBranding = null)
    {
        var b = org.Branding;
        var fromReseller = resellerId is null ? null : resellerBranding;
        // The support contact is one unit: a client with any contact of its own shows only its own.
        var support = HasSupport(b) || fromReseller is null ? b : fromReseller;
        return new TenantInfo(
            org.Id,
            org.Slug,
            org.Name,
            org.Kind,
            org.Status,
            org.PrimaryHost ?? $"{org.Slug}.{platformDomain}",
            resellerId,
            resellerName,
            new TenantBranding(
                string.IsNullOrWhiteSpace(b.ProductName) ? org.Name : b.ProductName,
                BrandColors.IsValid(b.PrimaryColor) ? b.PrimaryColor : BrandColors.DefaultPrimary,
                BrandColors.IsValid(b.AccentColor) ? b.AccentColor : BrandColors.DefaultAccent,
                b.Theme ?? fromReseller?.ClientTheme ?? Theming.ThemeCatalog.DefaultTheme,
                b.FooterText,
                Clean(support.SupportEmail),
                b.MailFromName,
                b.MailFromAddress,
                b.SenderDomainVerified)
            {
                SupportUrl = Clean(support.SupportUrl),
                SupportPhone = Clean(support.SupportPhone),
                LogoVersion = b.LogoVersion,
                FaviconVersion = b.FaviconVersion,
            });
    }

    private static bool HasSupport(Accounts.Branding b) =>
        !string.IsNullOrWhiteSpace(b.SupportEmail) || !string.IsNullOrWhiteSpace(b.SupportUrl) || !string.IsNullOrWhiteSpace(b.SupportPhone);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The branding a page or e-mail shows: the organization's own, completed by its reseller's defaults.</summary>
[ImmutableObject(true)]
public sealed record TenantBranding(
    string ProductName,
    string PrimaryColor,
    string AccentColor,
    string Theme,
    string? FooterText,
    string? SupportEmail,
    string? MailFromName,
    string? MailFromAddress,
    bool SenderDomainVerified)
{
    public string? SupportUrl { get; init; }

    public string? SupportPhone { get; init; }

    /// <summary>Version of the uploaded logo, or null when there is none.</summary>
    public string? LogoVersion { get; init; }

    /// <summary>Version of the uploaded favicon, or null to render one from the theme.</summary>
    public string? FaviconVersion { get; init; }

    public bool HasSupportContact => !string.IsNullOrWhiteSpace(SupportEmail) || !string.IsNullOrWhiteSpace(SupportUrl) || !string.IsNullOrWhiteSpace(SupportPhone);
}
