using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>The parts of a solution its navigation links to.</summary>
public enum SolutionSection
{
    Records,
    Versions,
    Builder,
    Manage,
}

/// <summary>
/// Pages about one solution. The module's page conventions have already checked the host and
/// the membership; this checks the right on the solution: unseen solutions are 404 (so ids of other
/// solutions reveal nothing), seen but not enough is 403.
/// </summary>
public abstract class SolutionPageModel(SolutionAccess access) : PageModel
{
    public Solution Solution { get; private set; } = null!;

    public SolutionRight Right { get; private set; }

    /// <summary>Builder and management links and controls are shown only when this holds (<see cref="SolutionAccess.MayBuild"/>).</summary>
    public bool MayBuild => SolutionAccess.MayBuild(Right);

    /// <summary>Which entry of the solution's navigation this page is (it gets <c>aria-current</c>).</summary>
    public virtual SolutionSection Section => SolutionSection.Records;

    protected async Task<IActionResult?> LoadAsync(Guid id, SolutionRight needed, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(id, cancellationToken);
        if (found is null) return NotFound();
        (Solution, Right) = found.Value;
        return Right < needed ? StatusCode(StatusCodes.Status403Forbidden) : null;
    }
}
