using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Solutions.Center;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages.Center;

/// <summary>The Solution Center (S6) on the platform host: partners' listed solutions, higher-tier publishers first, then the most installed; search and filters.</summary>
public sealed class IndexModel(SolutionCenter center) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    // "page" is Razor Pages' own route value (the page's name): the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CenterPage Results { get; private set; } = new([], 0, 1, 1, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        Results = await center.SearchAsync(new CenterQuery(Search, Industry, Tier, PageNumber), cancellationToken);
        CenterCaching.Cacheable(HttpContext);
        return Page();
    }

    public string PageLink(int page) => "/solution-center" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Search, ["industry"] = Industry, ["tier"] = Tier, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
