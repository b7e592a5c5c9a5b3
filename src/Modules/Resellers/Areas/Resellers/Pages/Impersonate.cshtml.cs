using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>The client's end of the hand-over (R5): a good ticket opens the account; any other signs nobody in.</summary>
public sealed class ImpersonateModel(ImpersonationHandOver handOver) : PageModel
{
    public TicketOutcome Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? ticket, CancellationToken cancellationToken)
    {
        Outcome = await handOver.AcceptAsync(HttpContext, ticket, cancellationToken);
        if (Outcome == TicketOutcome.Accepted) return LocalRedirect("/dashboard");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
