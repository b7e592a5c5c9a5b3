using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Center;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages.Center;

/// <summary>
/// A listing's public page: what it is, who publishes it, and a preview of the tables and fields it
/// creates. "Install into your account" takes the visitor to the install page on their
/// organization's own host, where they sign in.
/// </summary>
public sealed class ListingModel(SolutionCenter center, PortalDbContext db, ITenantStore store, TenantUrls urls) : PageModel
{
    public PublicListing Listing { get; private set; } = null!;

    public SolutionPackage Package { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing) return missing;
        CenterCaching.Cacheable(HttpContext);
        return Page();
    }

    /// <summary>Sends the visitor to this listing's install page on their organization's host.</summary>
    public async Task<IActionResult> OnGetInstallAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing) return missing;
        var slug = Account?.Trim().ToLowerInvariant();
        // Only a client organization installs; any other answer says the same, so the form tells nothing about who else is a customer.
        var organizationId = slug is { Length: > 0 and <= 100 }
            ? await db.Organizations.Where(o => o.Slug == slug && o.Kind == OrganizationKind.Client && o.Status == OrganizationStatus.Active).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (organizationId is { } found && await store.FindByIdAsync(found, cancellationToken) is { } tenant)
        {
            return Redirect(urls.For(tenant, $"{SolutionCenter.PathOf(id)}/install"));
        }

        Error = "Enter your account's address name: the first part of the address you sign in at, e.g. \"contoso\" for contoso.portal.example.";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        if (await center.FindAsync(id, cancellationToken) is not var (listing, package)) return NotFound();
        (Listing, Package) = (listing, package);
        return null;
    }
}
