using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>
/// A page on a reseller's own host. Pages of the module derive from it: on any other host they
/// are a 404, and <see cref="Rights"/> says what the signed-in partner user may do (R13, R15).
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

    /// <summary>Null when the request may go on; otherwise the result to return (404 off a reseller host, 403 without rights or below <paramref name="adminOnly"/>).</summary>
    protected async Task<IActionResult?> RefuseAsync(bool adminOnly, CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()?.Tenant is not { Kind: OrganizationKind.Partner } reseller) return NotFound();
        Rights = await access.RightsAsync(reseller.Id, UserId, cancellationToken);
        if (Rights is null || (adminOnly && !Rights.IsPartnerAdmin)) return StatusCode(StatusCodes.Status403Forbidden);
        return null;
    }
}
