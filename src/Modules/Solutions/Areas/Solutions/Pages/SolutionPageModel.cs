using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// Pages about one solution. The module's page conventions have already checked the host and
/// the membership; this checks the right on the solution: unseen solutions are 404 (so ids of other
/// solutions reveal nothing), seen but not enough is 403.
/// </summary>
public abstract class SolutionPageModel(SolutionAccess access) : PageModel
{
    public Solution Solution { get; private set; } = null!;

    public SolutionRight Right { get; private set; }

    protected async Task<IActionResult?> LoadAsync(Guid id, SolutionRight needed, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(id, cancellationToken);
        if (found is null) return NotFound();
        (Solution, Right) = found.Value;
        return Right < needed ? StatusCode(StatusCodes.Status403Forbidden) : null;
    }
}
