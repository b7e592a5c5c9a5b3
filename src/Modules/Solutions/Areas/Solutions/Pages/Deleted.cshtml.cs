using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>S4: the organization's deleted solutions, restorable by an admin until their grace period ends and the purge removes them.</summary>
public sealed class DeletedModel(SolutionRemoval removal) : PageModel
{
    public IReadOnlyList<Solution> Deleted { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: > 0 and <= 300 } ? message : null;
        Deleted = await removal.DeletedAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        // Only this organization's deleted solutions: another id matches nothing.
        if (await removal.RestoreAsync(solutionId, cancellationToken) is not { } restored) return NotFound();
        return Redirect($"/solutions/{restored.Id}?message={Uri.EscapeDataString($"{restored.Name} is restored with all its records.")}");
    }
}
