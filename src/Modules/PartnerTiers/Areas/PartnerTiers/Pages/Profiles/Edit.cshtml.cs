using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Profiles;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Profiles;

/// <summary>
/// A partner's admins edit what the public partner directory shows of their organization (P9), and
/// whether it shows at all. Bad input is explained on the same page (422) and saves nothing.
/// </summary>
public sealed class EditModel(PartnerProfiles profiles, TenantUrls urls) : PageModel
{
    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public List<string> Regions { get; set; } = [];

    [BindProperty]
    public List<string> Industries { get; set; } = [];

    [BindProperty]
    public string? Website { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public bool Listed { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Where the listed profile is, on the platform host.</summary>
    public string PublicUrl { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 300 } ? message : null;
        var profile = await profiles.CurrentAsync(cancellationToken);
        (Summary, Regions, Industries, Website, ContactEmail, Listed) = (profile.Summary, profile.RegionList.ToList(), profile.IndustryList.ToList(), profile.Website, profile.ContactEmail, profile.Listed);
        SetPublicUrl();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SetPublicUrl();
        var error = await profiles.SaveAsync(new ProfileInput(Summary, Regions, Industries, Website, ContactEmail, Listed), cancellationToken);
        if (error is not null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var done = Listed ? "Profile saved. It is listed in the public partner directory now." : "Profile saved. It is not listed in the public partner directory.";
        return Redirect($"/program/profile?message={Uri.EscapeDataString(done)}");
    }

    private void SetPublicUrl() => PublicUrl = urls.ForPlatform($"/partners/{HttpContext.Tenancy()?.Tenant?.Slug}");
}
