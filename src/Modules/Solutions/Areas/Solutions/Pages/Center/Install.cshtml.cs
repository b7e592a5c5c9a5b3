using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Solutions.Center;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages.Center;

/// <summary>
/// A client's admin, on their own host, installs a Solution Center listing into one of their
/// workspaces: a copy with provenance. The workspace is checked against the organization's own,
/// so a forged id installs nothing.
/// </summary>
public sealed class InstallModel(SolutionCenter center) : PageModel
{
    public PublicListing Listing { get; private set; } = null!;

    public SolutionPackage Package { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Name)> Workspaces { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing) return missing;
        var (copy, error) = await center.InstallAsync(id, workspaceId, cancellationToken);
        if (copy is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/solutions/{copy.Id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await center.FindAsync(id, cancellationToken) is not var (listing, package)) return NotFound();
        (Listing, Package) = (listing, package);
        Workspaces = await center.WorkspacesAsync(cancellationToken);
        return null;
    }
}
