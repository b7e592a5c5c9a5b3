using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Solutions.Center;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages.Center;

/// <summary>
/// A partner's admins list their published solutions in the Solution Center, update a listing (its
/// words and the latest published version) or unlist it. Listings are found through the tenant
/// filter, so another partner's listing id changes nothing.
/// </summary>
public sealed class ListingsModel(SolutionCenter center, TenantUrls urls) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name, int Version)> Listable { get; private set; } = [];

    public IReadOnlyList<SolutionListing> Mine { get; private set; } = [];

    [BindProperty]
    public Guid SolutionId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Industry { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string PublicUrl(Guid listingId) => urls.ForPlatform(SolutionCenter.PathOf(listingId));

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 300 } ? message : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (listing, error) = await center.PublishAsync(SolutionId, new ListingInput(Name, Description, Industry), cancellationToken);
        if (listing is null) return await FailAsync(error!, cancellationToken);
        return Redirect($"/solutions/listings?message={Uri.EscapeDataString($"{listing.Name} (version {listing.Version}) is in the Solution Center.")}");
    }

    public async Task<IActionResult> OnPostUnlistAsync(Guid listingId, CancellationToken cancellationToken)
    {
        if (!await center.UnlistAsync(listingId, cancellationToken)) return NotFound();
        return Redirect($"/solutions/listings?message={Uri.EscapeDataString("The listing is out of the Solution Center. Copies already installed stay with their owners.")}");
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Listable = await center.ListableAsync(cancellationToken);
        Mine = await center.MineAsync(cancellationToken);
    }
}
