using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>
/// A consultant's billing page on their partner's host (the module's conventions admit only the
/// partner's own people): <see cref="Consultant"/> is the signed-in user working for this partner.
/// </summary>
public abstract class ConsultingPage : PageModel
{
    public Consultant Consultant => new(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), HttpContext.Tenancy()!.Tenant!);

    /// <summary>What the last action changed, shown once after its redirect.</summary>
    public string? Message { get; protected set; }

    /// <summary>Why the posted action changed nothing; the page shows it above the kept form.</summary>
    public string? Error { get; private set; }

    /// <summary>The same page again with <paramref name="error"/> and 422, once <paramref name="reload"/> has filled what the page shows.</summary>
    protected async Task<IActionResult> FailAsync(string error, Func<Task> reload)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await reload();
        return Page();
    }

    /// <summary>Back to <paramref name="path"/> (a page of this host) saying what happened.</summary>
    protected IActionResult Done(string path, string message) =>
        Redirect($"{path}?message={Uri.EscapeDataString(message)}");
}
