using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PartnerPortal.Solutions.Suspension;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>The parts of a solution its navigation links to.</summary>
public enum SolutionSection
{
    Records,
    Versions,
    Builder,
    Manage,
    Deploy,
    Suspension,
}

/// <summary>
/// Pages about one solution. The module's page conventions have already checked the host and
/// the membership; this checks the right on the solution: unseen solutions are 404 (so ids of other
/// solutions reveal nothing), seen but not enough is 403. A suspension (C9) comes next: a fully
/// blocked solution shows everyone but its consultant only the notice, and a read-only one refuses
/// every write (each page's posts) with the notice; both answer 423.
/// </summary>
public abstract class SolutionPageModel(SolutionAccess access) : PageModel
{
    public Solution Solution { get; private set; } = null!;

    public SolutionRight Right { get; private set; }

    /// <summary>Builder and management links and controls are shown only when this holds (<see cref="SolutionAccess.MayBuild"/>).</summary>
    public bool MayBuild => SolutionAccess.MayBuild(Right);

    /// <summary>The suspension notice, shown at the top of every page of a suspended solution.</summary>
    public SuspensionNotice? Suspension { get; private set; }

    /// <summary>Whether writes are refused to this viewer now (read-only or blocked, and not the consultant's own).</summary>
    public bool WritesRefused => Suspension is { ForTheConsultant: false, Mode: SuspensionMode.ReadOnly or SuspensionMode.Blocked };

    /// <summary>The viewer is the consultant who built it, in their seat: the suspension page is theirs.</summary>
    public bool MaySuspend { get; private set; }

    /// <summary>Why a write was refused (shown with the notice); null on an ordinary page.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Which entry of the solution's navigation this page is (it gets <c>aria-current</c>).</summary>
    public virtual SolutionSection Section => SolutionSection.Records;

    /// <summary>The suspension page itself is where it is lifted, so a suspension never closes it.</summary>
    protected virtual bool SuspensionApplies => true;

    protected async Task<IActionResult?> LoadAsync(Guid id, SolutionRight needed, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(id, cancellationToken);
        if (found is null) return NotFound();
        (Solution, Right) = found.Value;
        if (Right < needed) return StatusCode(StatusCodes.Status403Forbidden);
        Suspension = await access.NoticeAsync(Solution, cancellationToken);
        MaySuspend = await access.MaySuspendAsync(Solution, cancellationToken);
        if (!SuspensionApplies || Suspension is not { ForTheConsultant: false } notice) return null;
        if (notice.Mode == SuspensionMode.Blocked) return Suspended(null);
        return notice.Mode == SuspensionMode.ReadOnly && HttpMethods.IsPost(Request.Method)
            ? Suspended("This solution is read-only while it is suspended: nothing was saved.")
            : null;
    }

    /// <summary>The notice alone, in the page frame (the organization's branding), instead of the page.</summary>
    private ViewResult Suspended(string? refusal)
    {
        Refusal = refusal;
        return new ViewResult
        {
            ViewName = "_SolutionSuspended",
            ViewData = new ViewDataDictionary<SolutionPageModel>(ViewData, this),
            StatusCode = StatusCodes.Status423Locked,
        };
    }
}
