using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;
using PartnerPortal.Web.Accounts;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// The organization picks its theme (T6), seeing each one first: <c>?preview={theme}</c> renders
/// this page in that theme with the organization's branding, for its admins only (the page needs
/// the role). A reseller also picks the default theme of its clients. A reseller's client sees its
/// theme read-only (T4).
/// </summary>
public sealed class ThemeModel(PortalDbContext db, ThemeCatalog themes, BrandingSettings settings) : PageModel
{
    [BindProperty]
    public string? Theme { get; set; }

    [BindProperty]
    public string? ClientTheme { get; set; }

    public IReadOnlyList<ThemeManifest> Themes { get; private set; } = [];

    public TenantInfo Tenant => HttpContext.Tenancy()!.Tenant!;

    /// <summary>A reseller's client reads its theme; the reseller changes it, also while logged in as the client (R5, T4).</summary>
    public bool ManagedByPartner => Tenant.IsWhiteLabelled && HttpContext.Features.Get<OpenImpersonation>() is null;

    public bool IsPartner => Tenant.Kind == OrganizationKind.Partner;

    public ThemeManifest? Previewing { get; private set; }

    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? preview, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        await LoadAsync(cancellationToken);
        if (!ManagedByPartner && themes.Find(preview) is { } previewed)
        {
            Previewing = previewed;
            HttpContext.PreviewTheme(previewed.Name);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ManagedByPartner)
        {
            await LoadAsync(cancellationToken);
            Error = $"{Tenant.ResellerName} manages the theme of this account; nothing was changed.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var error = await settings.SetThemesAsync(
            new ThemeChoice(string.IsNullOrWhiteSpace(Theme) ? ThemeCatalog.DefaultTheme : Theme),
            IsPartner ? new ThemeChoice(string.IsNullOrWhiteSpace(ClientTheme) ? null : ClientTheme) : null,
            cancellationToken);
        if (error is not null)
        {
            await LoadAsync(cancellationToken);
            Error = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Themes = themes.List();
        var branding = await db.Organizations.AsNoTracking().Where(o => o.Id == Tenant.Id).Select(o => o.Branding).SingleAsync(cancellationToken);
        Theme = Tenant.Branding.Theme;
        ClientTheme = branding.ClientTheme;
    }
}
