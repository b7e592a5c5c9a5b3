using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Directory;

/// <summary>A listed partner's public page (P9): its profile, tier, specializations, published solutions and approved case studies.</summary>
public sealed class PartnerModel(PartnerDirectory directory, TenantUrls urls) : PageModel
{
    public DirectoryEntry Entry { get; private set; } = null!;

    public IReadOnlyList<PublishedCaseStudy> CaseStudies { get; private set; } = [];

    public string ListingUrl(PartnerPortal.Modularity.SolutionListingSummary listing) => urls.ForPlatform(listing.Path);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        if (await directory.FindAsync(slug, cancellationToken) is not { } entry) return NotFound();
        Entry = entry;
        CaseStudies = entry.CaseStudies == 0 ? [] : await directory.CaseStudiesAsync(entry.PartnerId, cancellationToken);
        DirectoryRegistration.Cacheable(HttpContext);
        return Page();
    }
}
