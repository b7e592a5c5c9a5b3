using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;

namespace PartnerPortal.Branding;

/// <summary>An uploaded file as the form received it. <see cref="Content"/> is null when it was too large to read.</summary>
public sealed record BrandUpload(long Length, byte[]? Content);

/// <summary>A theme choice; a null name means "no choice of its own" (a client then gets its reseller's client theme).</summary>
public sealed record ThemeChoice(string? Name);

/// <summary>Errors by form field (nothing was saved when there is any), and warnings worth reading even though it saved.</summary>
public sealed record BrandingOutcome(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Warnings)
{
    public bool Saved => Errors.Count == 0;
}

/// <summary>
/// Validates and saves the current organization's branding: every field and upload is checked
/// first, then everything is written in one SaveChanges, so a bad upload changes nothing (A3).
/// The caller decides who may do it (the organization's admins, or its reseller through the link).
/// </summary>
public sealed partial class BrandingSettings(PortalDbContext db, ITenantContext tenants, ThemeCatalog themes, AuditLog audit, TimeProvider time)
{
    /// <param name="byPartner">The reseller's name when it changes a client's branding, for the client's audit log.</param>
    /// <param name="includeTheme">Whether the form chose a theme too (a reseller's page for its client); the organization's own page leaves the theme to its theme page.</param>
    public async Task<BrandingOutcome> SaveAsync(BrandingForm form, bool includeTheme, string? byPartner = null, CancellationToken cancellationToken = default)
    {
        var tenant = tenants.Current ?? throw new InvalidOperationException("Branding is saved for the current organization; there is none.");
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var logoUpload = await BrandingForm.ReadAsync(form.Logo, cancellationToken);
        var faviconUpload = await BrandingForm.ReadAsync(form.Favicon, cancellationToken);
        var themeChoice = includeTheme ? new ThemeChoice(string.IsNullOrWhiteSpace(form.Theme) ? null : form.Theme) : null;

        var productName = Clean(form.ProductName);
        if (productName is { Length: > 200 }) errors[nameof(form.ProductName)] = "Use at most 200 characters for the product name.";
        else if (!Accounts.SingleLineNames.IsSingleLine(productName)) errors[nameof(form.ProductName)] = "Use one line of plain text for the product name: no line breaks or control characters.";
        var primary = Colour(form.PrimaryColor, nameof(form.PrimaryColor), "primary", errors);
        var accent = Colour(form.AccentColor, nameof(form.AccentColor), "accent", errors);
        var footer = Clean(form.FooterText);
        if (footer is { Length: > 500 }) errors[nameof(form.FooterText)] = "Use at most 500 characters for the footer text.";
        var email = Clean(form.SupportEmail);
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            errors[nameof(form.SupportEmail)] = "Enter a support e-mail address like help@example.com, or leave it empty.";
        var url = Clean(form.SupportUrl);
        if (url is not null && (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            errors[nameof(form.SupportUrl)] = "Enter a support web address starting with https://, or leave it empty.";
        var phone = Clean(form.SupportPhone);
        if (phone is not null && !Phone().IsMatch(phone))
            errors[nameof(form.SupportPhone)] = "Enter a phone number with digits, spaces and + - ( ) only, at most 40 characters.";

        var logo = Upload(logoUpload, BrandAssetKind.Logo, nameof(form.Logo), errors);
        var favicon = Upload(faviconUpload, BrandAssetKind.Favicon, nameof(form.Favicon), errors);

        if (themeChoice is { Name: { } themeName } && !themes.Exists(themeName))
            errors[nameof(form.Theme)] = "Choose one of the listed themes.";

        if (errors.Count > 0) return new BrandingOutcome(errors, []);

        var org = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        var branding = org.Branding;
        var changed = new List<string>();
        Set(branding.ProductName, productName, v => branding.ProductName = v, "product name");
        Set(branding.PrimaryColor, primary, v => branding.PrimaryColor = v!, "primary colour");
        Set(branding.AccentColor, accent, v => branding.AccentColor = v!, "accent colour");
        Set(branding.FooterText, footer, v => branding.FooterText = v, "footer");
        Set(branding.SupportEmail, email, v => branding.SupportEmail = v, "support e-mail");
        Set(branding.SupportUrl, url, v => branding.SupportUrl = v, "support URL");
        Set(branding.SupportPhone, phone, v => branding.SupportPhone = v, "support phone");
        if (themeChoice is { } theme) Set(branding.Theme, theme.Name, v => branding.Theme = v, "theme");

        if (logo is not null) branding.LogoVersion = await StoreAsync(BrandAssetKind.Logo, logo.Value, changed, cancellationToken);
        else if (form.RemoveLogo && branding.LogoVersion is not null) branding.LogoVersion = await RemoveAsync(BrandAssetKind.Logo, changed, cancellationToken);
        if (favicon is not null) branding.FaviconVersion = await StoreAsync(BrandAssetKind.Favicon, favicon.Value, changed, cancellationToken);
        else if (form.RemoveFavicon && branding.FaviconVersion is not null) branding.FaviconVersion = await RemoveAsync(BrandAssetKind.Favicon, changed, cancellationToken);

        if (changed.Count > 0)
        {
            audit.Record("branding.changed", string.Join(", ", changed) + (byPartner is null ? string.Empty : $" (by partner {byPartner})"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new BrandingOutcome(errors, ContrastWarnings(branding.PrimaryColor, branding.AccentColor));

        void Set(string? current, string? value, Action<string?> apply, string label)
        {
            if (string.Equals(current, value, StringComparison.Ordinal)) return;
            apply(value);
            changed.Add(label);
        }
    }

    /// <summary>
    /// The organization's theme and, for a reseller, the default theme of its clients that chose
    /// none (T6). Returns the message to show, or null once saved.
    /// </summary>
    public async Task<string?> SetThemesAsync(ThemeChoice own, ThemeChoice? forClients = null, CancellationToken cancellationToken = default)
    {
        var tenant = tenants.Current ?? throw new InvalidOperationException("There is no current organization.");
        if (own.Name is not null && !themes.Exists(own.Name) || forClients?.Name is { } clientTheme && !themes.Exists(clientTheme))
            return "Choose one of the listed themes.";

        var org = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        var changed = new List<string>();
        if (org.Branding.Theme != own.Name)
        {
            changed.Add($"theme {own.Name ?? "(partner's default)"}");
            org.Branding.Theme = own.Name;
        }

        if (forClients is not null && org.Branding.ClientTheme != forClients.Name)
        {
            changed.Add($"client theme {forClients.Name ?? "(none)"}");
            org.Branding.ClientTheme = forClients.Name;
        }

        if (changed.Count > 0)
        {
            audit.Record("branding.theme_changed", string.Join(", ", changed));
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>Warnings for colours that white text cannot be read on (WCAG AA, 4.5:1): pages switch to black text on them.</summary>
    public static IReadOnlyList<string> ContrastWarnings(string primary, string accent)
    {
        var warnings = new List<string>(2);
        foreach (var (label, colour) in new[] { ("primary", primary), ("accent", accent) })
        {
            if (!BrandColors.IsValid(colour)) continue;
            var ratio = ColourContrast.Ratio(ColourContrast.White, colour);
            if (ratio < ColourContrast.MinimumForText)
            {
                warnings.Add($"White text on the {label} colour {colour} has a contrast of {ratio:0.0}:1, below the 4.5:1 that WCAG AA asks for. Headers and buttons in it will show black text instead: choose a darker colour to keep white text.");
            }
        }

        return warnings;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Colour(string? value, string field, string label, Dictionary<string, string> errors)
    {
        var colour = Clean(value);
        if (BrandColors.IsValid(colour)) return colour!.ToUpperInvariant();
        errors[field] = $"Enter the {label} colour as # and six hexadecimal digits, like #1D4ED8.";
        return null;
    }

    private static (byte[] Content, string ContentType)? Upload(BrandUpload? upload, BrandAssetKind kind, string field, Dictionary<string, string> errors)
    {
        if (upload is null || upload.Length == 0 && upload.Content is null) return null;
        if (upload.Content is null || upload.Length > BrandImages.MaxBytes)
        {
            errors[field] = $"The {kind.ToString().ToLowerInvariant()} is {upload.Length / 1024} KB; the limit is {BrandImages.MaxBytes / 1024} KB. Choose a smaller file.";
            return null;
        }

        var sniffed = BrandImages.Sniff(upload.Content, kind);
        if (!sniffed.IsValid)
        {
            errors[field] = sniffed.Error!;
            return null;
        }

        return (upload.Content, sniffed.ContentType!);
    }

    private async Task<string> StoreAsync(BrandAssetKind kind, (byte[] Content, string ContentType) upload, List<string> changed, CancellationToken cancellationToken)
    {
        var version = BrandImages.Version(upload.Content);
        var asset = await db.BrandAssets.FirstOrDefaultAsync(a => a.Kind == kind, cancellationToken);
        if (asset is null)
        {
            asset = new BrandAsset { Kind = kind, ContentType = upload.ContentType, Content = upload.Content, Version = version };
            db.BrandAssets.Add(asset);
        }

        if (asset.Version != version || db.Entry(asset).State == EntityState.Added) changed.Add(kind == BrandAssetKind.Logo ? "logo" : "favicon");
        asset.ContentType = upload.ContentType;
        asset.Content = upload.Content;
        asset.Version = version;
        asset.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return version;
    }

    private async Task<string?> RemoveAsync(BrandAssetKind kind, List<string> changed, CancellationToken cancellationToken)
    {
        var asset = await db.BrandAssets.FirstOrDefaultAsync(a => a.Kind == kind, cancellationToken);
        if (asset is not null) db.BrandAssets.Remove(asset);
        changed.Add(kind == BrandAssetKind.Logo ? "logo removed" : "favicon removed");
        return null;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()./-]{2,39}$")]
    private static partial Regex Phone();
}
