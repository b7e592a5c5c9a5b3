using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Settings;

/// <summary>An account's owner approves or declines a reseller's request to connect (R3), from the e-mailed link on the account's own host.</summary>
public sealed class ConnectModel(ConnectRequests requests, PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? ResellerName { get; private set; }

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        if (message is not null) return Page();
        if (string.IsNullOrEmpty(Token))
        {
            // Opened without the e-mailed link (typed, or from a bookmark): say where requests come from.
            Message = "A reseller's request to serve this account arrives by e-mail to its owners. Open the link in that e-mail to approve or decline it.";
            return Page();
        }

        var request = await requests.FindByTokenAsync(Token, cancellationToken);
        if (request is null) return NotFound();
        ResellerName = await db.Organizations.Where(o => o.Id == request.ResellerId).Select(o => o.Name).SingleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool approve, CancellationToken cancellationToken)
    {
        var request = await requests.FindByTokenAsync(Token, cancellationToken);
        if (request is null) return NotFound();
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await requests.DecideAsync(request, approve, userId, cancellationToken) is { } error)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            ResellerName = await db.Organizations.Where(o => o.Id == request.ResellerId).Select(o => o.Name).SingleAsync(cancellationToken);
            return Page();
        }

        return Redirect("/settings/reseller/connect?message=" + Uri.EscapeDataString(approve ? "Approved: the reseller now serves this account." : "Declined: nothing changed."));
    }
}
