using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.ConsultantSeats.Seats;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages;

/// <summary>A page of the seats: it says what the last action did, or shows why a posted one changed nothing (422) above the kept form.</summary>
public abstract class SeatPage : PageModel
{
    /// <summary>What the last action changed, shown once after its redirect.</summary>
    public string? Message { get; protected set; }

    /// <summary>Why the posted action changed nothing.</summary>
    public string? Error { get; private set; }

    protected Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>Takes a message passed on by a redirect (a short one only: it is shown as text, never trusted further).</summary>
    protected void TakeMessage(string? message) => Message = message is { Length: <= 500 } ? message : null;

    /// <summary>The same page again with <paramref name="error"/> and 422, after <paramref name="reload"/> has filled what the page lists.</summary>
    protected async Task<IActionResult> FailAsync(string error, Func<Task> reload)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await reload();
        return Page();
    }

    /// <summary>Back to <paramref name="path"/> saying what happened; or the page with the error; or 404 for a seat or invitation that is not there.</summary>
    protected async Task<IActionResult> AfterAsync(SeatResult? result, string path, Func<Task> reload)
    {
        if (result is null) return NotFound();
        if (result.Error is not null) return await FailAsync(result.Error, reload);
        return Redirect(path + (path.Contains('?') ? "&" : "?") + "message=" + Uri.EscapeDataString(result.Done!));
    }
}
