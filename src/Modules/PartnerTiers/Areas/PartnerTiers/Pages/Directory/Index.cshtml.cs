using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Directory;

/// <summary>
/// The public partner directory (P9) on the platform host: listed partners, higher tiers first, then
/// the best matches of the search; filters by tier, specialization, region and industry; paged.
/// </summary>
public sealed class IndexModel(PartnerDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Specialization { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    // "page" is Razor Pages' own route value (the page's name): the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DirectoryPage Results { get; private set; } = new([], 0, 1, 1, [], []);

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || Tier is { Length: > 0 } || Specialization is { Length: > 0 } || Region is { Length: > 0 } || Industry is { Length: > 0 };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        Results = await directory.SearchAsync(new DirectoryQuery(Search?.Trim() is { Length: <= 200 } q ? q : null, Tier, Specialization, Region, Industry, PageNumber), cancellationToken);
        DirectoryRegistration.Cacheable(HttpContext);
        return Page();
    }

    /// <summary>This page's address with the same search and filters, on another page.</summary>
    public string PageLink(int page) => "/partners" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Search, ["tier"] = Tier, ["specialization"] = Specialization, ["region"] = Region, ["industry"] = Industry, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
