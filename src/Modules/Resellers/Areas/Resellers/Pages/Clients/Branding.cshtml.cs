using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>
/// A reseller edits a client's white-label settings from its own host (T4). The server checks the
/// partner–client link, then works in the client's tenant; an id of anyone else's client is a 404
/// and changes nothing (A2).
/// </summary>
[RequestSizeLimit(BrandingForm.RequestLimit)]
public sealed class ClientBrandingModel(
    PortalDbContext db,
    PartnerClients clients,
    ITenantContext tenants,
    BrandingSettings settings,
    ThemeCatalog themes) : PageModel
{
    [BindProperty]
    public BrandingForm Form { get; set; } = new();

    public TenantInfo? Client { get; private set; }

    public IReadOnlyList<ThemeManifest> Themes { get; private set; } = [];

    public string? ClientThemeOfPartner { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, bool saved, CancellationToken cancellationToken)
    {
        Client = await clients.FindAsync(clientId, cancellationToken);
        if (Client is null) return NotFound();
        Saved = saved;
        await LoadAsync(fillForm: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken cancellationToken)
    {
        Client = await clients.FindAsync(clientId, cancellationToken);
        if (Client is null) return NotFound();

        BrandingOutcome outcome;
        using (tenants.Change(Client))
        {
            outcome = await settings.SaveAsync(Form, includeTheme: true, byPartner: HttpContext.Tenancy()!.Tenant!.Name, cancellationToken);
        }

        if (!outcome.Saved)
        {
            foreach (var (field, message) in outcome.Errors) ModelState.AddModelError($"{nameof(Form)}.{field}", message);
            Error = "Nothing was saved. Correct the fields marked below and send the form again.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(fillForm: false, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { clientId, saved = true });
    }

    private async Task LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        var client = Client!;
        var partner = HttpContext.Tenancy()!.Tenant!;
        Themes = themes.List();
        ClientThemeOfPartner = await db.Organizations.AsNoTracking().Where(o => o.Id == partner.Id).Select(o => o.Branding.ClientTheme).SingleAsync(cancellationToken);
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == client.Id, cancellationToken);
        if (fillForm) Form = BrandingForm.From(org);
        Warnings = BrandingSettings.ContrastWarnings(org.Branding.PrimaryColor, org.Branding.AccentColor);

        // The client's images live on its own host; shown here inline, the page needs no cross-origin image.
        using (tenants.Change(client))
        {
            var assets = await db.BrandAssets.AsNoTracking().ToListAsync(cancellationToken);
            Form.LogoSrc = assets.FirstOrDefault(a => a.Kind == BrandAssetKind.Logo) is { } logo ? BrandingForm.DataUri(logo) : null;
            Form.FaviconSrc = assets.FirstOrDefault(a => a.Kind == BrandAssetKind.Favicon) is { } favicon ? BrandingForm.DataUri(favicon) : null;
        }
    }
}
