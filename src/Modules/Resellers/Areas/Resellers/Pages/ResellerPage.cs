using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>
/// A page on a reseller's own host (the module's conventions keep it there). <see cref="Rights"/>
/// says what the signed-in partner user may do with its clients (R13, R15).
/// </summary>
public abstract class ResellerPage(PartnerAccess access) : PageModel
{
    public TenantInfo Reseller => HttpContext.Tenancy()!.Tenant!;

    public PartnerRights? Rights { get; private set; }

    public Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>What the last action changed, shown once after its redirect.</summary>
    public string? Message { get; protected set; }

    /// <summary>Why the posted action changed nothing; the page shows it above the kept form.</summary>
    public string? Error { get; private set; }

    /// <summary>The same page again with <paramref name="error"/> and 422, after <paramref name="reload"/> has filled what the page lists.</summary>
    protected async Task<IActionResult> FailAsync(string error, Func<Task>? reload = null)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        if (reload is not null) await reload();
        return Page();
    }

    /// <summary>
    /// Reads what the signed-in partner user may see of the clients (<see cref="Rights"/>). The
    /// module's page conventions already let in only this partner's members (its admins where a
    /// page says so); a membership deactivated since still gets a 403 here. Null when the request may go on.
    /// </summary>
    protected async Task<IActionResult?> LoadRightsAsync(CancellationToken cancellationToken)
    {
        Rights = await access.RightsAsync(Reseller.Id, UserId, cancellationToken);
        return Rights is null ? StatusCode(StatusCodes.Status403Forbidden) : null;
    }
}
