using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;
using PartnerPortal.Web.Branding;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// The organization's branding (T3, T5). A reseller's client sees it read-only: its partner
/// manages white-label settings from its own host (T4).
/// </summary>
[RequestSizeLimit(BrandingForm.RequestLimit)]
public sealed class BrandingModel(PortalDbContext db, BrandingSettings settings, PageBrand brand) : PageModel
{
    [BindProperty]
    public BrandingForm Form { get; set; } = new();

    public TenantInfo Tenant => HttpContext.Tenancy()!.Tenant!;

    /// <summary>The client of a reseller: white-label settings are its partner's to change.</summary>
    /// <remarks>While the reseller is logged in as the client (R5), it edits them here (T4).</remarks>
    public bool ManagedByPartner => Tenant.IsWhiteLabelled && HttpContext.Features.Get<OpenImpersonation>() is null;

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == Tenant.Id, cancellationToken);
        Form = BrandingForm.From(org);
        Warnings = BrandingSettings.ContrastWarnings(org.Branding.PrimaryColor, org.Branding.AccentColor);
        ShowImages();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ManagedByPartner)
        {
            await OnGetAsync(saved: false, cancellationToken);
            Error = $"{Tenant.ResellerName} manages this branding; nothing was changed. Ask them for any change.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var outcome = await settings.SaveAsync(Form, includeTheme: false, HttpContext.Features.Get<OpenImpersonation>()?.ResellerName, cancellationToken);
        if (!outcome.Saved)
        {
            foreach (var (field, message) in outcome.Errors) ModelState.AddModelError($"{nameof(Form)}.{field}", message);
            Error = "Nothing was saved. Correct the fields marked below and send the form again.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            ShowImages();
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    private void ShowImages()
    {
        Form.LogoSrc = brand.Current.LogoPath;
        Form.FaviconSrc = brand.Current.FaviconVersion is null ? null : brand.Current.FaviconPath;
    }
}
