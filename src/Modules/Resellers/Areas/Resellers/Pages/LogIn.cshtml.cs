using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>Log in as client (R5), on the reseller's host: an optional reason, then the hand-over to the client's own domain.</summary>
public sealed class LogInModel(ClientLogIn logIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ClientId { get; set; }

    [BindProperty]
    [StringLength(ClientLogIn.ReasonMaxLength, ErrorMessage = "Keep the reason under 500 characters.")]
    public string? Reason { get; set; }

    public string ClientName { get; private set; } = string.Empty;

    public LogInResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await logIn.FindClientAsync(ClientId, cancellationToken) is not { } client) return NotFound();
        ClientName = client.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await logIn.FindClientAsync(ClientId, cancellationToken) is not { } client) return NotFound();
        ClientName = client.Name;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var email = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity!.Name!;
        Result = await logIn.StartAsync(ClientId, userId, email, Reason, cancellationToken);
        switch (Result.Step)
        {
            case LogInStep.NotFound:
                return NotFound();
            case LogInStep.Redirect:
                return Redirect(Result.RedirectUrl!);
            case LogInStep.Refused:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                return Page();
        }
    }
}
