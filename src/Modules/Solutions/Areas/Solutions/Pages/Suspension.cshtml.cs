using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Solutions.Suspension;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// C9: where the consultant who built the solution suspends it (a mode and a reason) and
/// reactivates it; the kernel links here by purpose (<c>LinkPurposes.SolutionSuspension</c>).
/// Anyone else who sees the solution gets 403, owners included, except that the organization's
/// admins may lift a suspension once its consultant's seat has ended.
/// </summary>
public sealed class SuspensionModel(SolutionAccess access, SolutionSuspensions suspensions) : SolutionPageModel(access)
{
    private readonly SolutionAccess _access = access;

    public override SolutionSection Section => SolutionSection.Suspension;

    protected override bool SuspensionApplies => false;

    public bool MayReactivate { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty] public SuspensionMode? Mode { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await LoadSuspensionAsync(id, cancellationToken) is { } denied) return denied;
        Message = message is { Length: <= 300 } ? message : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadSuspensionAsync(id, cancellationToken) is { } denied) return denied;
        if (!MaySuspend) return StatusCode(StatusCodes.Status403Forbidden);
        if (await suspensions.SuspendAsync(Solution, Mode, Reason, cancellationToken) is { } problem)
        {
            Error = problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var words = SolutionSuspensions.Words(Solution.Suspension!.Value);
        return Redirect($"/solutions/{id}/suspension?message={Uri.EscapeDataString($"{Solution.Name} is suspended ({words}). Its people see your notice, and the owners were e-mailed.")}");
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadSuspensionAsync(id, cancellationToken) is { } denied) return denied;
        if (!MayReactivate) return StatusCode(StatusCodes.Status403Forbidden);
        await suspensions.ReactivateAsync(Solution, cancellationToken);
        return Redirect($"/solutions/{id}?message={Uri.EscapeDataString($"{Solution.Name} is reactivated: everyone works in it as before, and waiting automations run now.")}");
    }

    /// <summary>The page is the consultant's, and the admins' once the consultant's seat has ended.</summary>
    private async Task<IActionResult?> LoadSuspensionAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.None, cancellationToken) is { } denied) return denied;
        MayReactivate = await _access.MayReactivateAsync(Solution, cancellationToken);
        return MaySuspend || MayReactivate ? null : StatusCode(StatusCodes.Status403Forbidden);
    }
}
