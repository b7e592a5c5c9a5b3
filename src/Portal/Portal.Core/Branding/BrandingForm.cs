using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PartnerPortal.Accounts;

namespace PartnerPortal.Branding;

/// <summary>
/// The branding form as posted, shared by an organization's own branding page and a reseller's page
/// for a client's branding. Validation lives in <see cref="BrandingSettings"/>, not here, so both
/// pages give the same messages.
/// </summary>
public sealed class BrandingForm
{
    /// <summary>
    /// The server refuses larger bodies outright (413); anything over the image limit but under this
    /// is measured, not read, and gets a message on the form.
    /// </summary>
    public const long RequestLimit = 16 * 1024 * 1024;

    public string? ProductName { get; set; }

    public string? PrimaryColor { get; set; }

    public string? AccentColor { get; set; }

    public string? FooterText { get; set; }

    public string? SupportEmail { get; set; }

    public string? SupportUrl { get; set; }

    public string? SupportPhone { get; set; }

    public IFormFile? Logo { get; set; }

    public bool RemoveLogo { get; set; }

    public IFormFile? Favicon { get; set; }

    public bool RemoveFavicon { get; set; }

    /// <summary>Only on the reseller's page for a client; empty means "my default theme for clients".</summary>
    public string? Theme { get; set; }

    /// <summary>Where the page shows the current logo (a URL, or a data: URI on another organization's host).</summary>
    [BindNever]
    public string? LogoSrc { get; set; }

    [BindNever]
    public string? FaviconSrc { get; set; }

    public static BrandingForm From(Organization org) => new()
    {
        ProductName = org.Branding.ProductName,
        PrimaryColor = org.Branding.PrimaryColor,
        AccentColor = org.Branding.AccentColor,
        FooterText = org.Branding.FooterText,
        SupportEmail = org.Branding.SupportEmail,
        SupportUrl = org.Branding.SupportUrl,
        SupportPhone = org.Branding.SupportPhone,
        Theme = org.Branding.Theme,
    };

    /// <summary>Reads an upload; an over-large one is not read, only measured.</summary>
    public static async Task<BrandUpload?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null) return null;
        if (file.Length > BrandImages.MaxBytes) return new BrandUpload(file.Length, null);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return new BrandUpload(file.Length, buffer.ToArray());
    }

    public static string DataUri(BrandAsset asset) => $"data:{asset.ContentType};base64,{Convert.ToBase64String(asset.Content)}";
}
