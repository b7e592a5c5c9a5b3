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

    /// <summary>Null when the request may go on; otherwise the result to return (404 off a reseller host, 403 without rights or below <paramref name="adminOnly"/>).</summary>
    protected async Task<IActionResult?> RefuseAsync(bool adminOnly, CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()?.Tenant is not { Kind: OrganizationKind.Partner } reseller) return NotFound();
        Rights = await access.RightsAsync(reseller.Id, UserId, cancellationToken);
        if (Rights is null || (adminOnly && !Rights.IsPartnerAdmin)) return StatusCode(StatusCodes.Status403Forbidden);
        return null;
    }
}
