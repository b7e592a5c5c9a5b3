using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Deals;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages;

/// <summary>A page of deals, case studies or disputes: it says what the last action did, or shows why a posted one changed nothing (422) above the kept form.</summary>
public abstract class ProgramWorkPage : PageModel
{
    /// <summary>What the last action changed, shown once after its redirect.</summary>
    public string? Message { get; private set; }

    /// <summary>Why the posted action changed nothing.</summary>
    public string? Error { get; private set; }

    protected Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>Takes a message passed on by a redirect (a short one only: it is shown as text, never trusted further).</summary>
    protected void TakeMessage(string? message) => Message = message is { Length: <= 600 } ? message : null;

    /// <summary>Back to <paramref name="path"/> saying what happened; or the page with the error (422); or 404 for something that is not the viewer's.</summary>
    protected async Task<IActionResult> AfterAsync(ProgramOutcome? outcome, string path, Func<Task> reload)
    {
        if (outcome is null) return NotFound();
        if (outcome.Error is not null)
        {
            Error = outcome.Error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await reload();
            return Page();
        }

        return Redirect(path + "?message=" + Uri.EscapeDataString(outcome.Done!));
    }
}
