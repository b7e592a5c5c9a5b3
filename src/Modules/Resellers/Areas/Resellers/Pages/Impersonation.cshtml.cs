using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Impersonation;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>
/// The banner's two buttons on the client's host (R5): "Back to dashboard" and "End session". Both
/// end the impersonation and sign out of this host only; the reseller's own session on its own
/// host is a different cookie and stays signed in.
/// </summary>
public sealed class ImpersonationModel(ImpersonationSessions sessions, ITenantStore store, TenantUrls urls) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken)
    {
        var open = await EndAsync(ImpersonationEndReasons.BackToDashboard, cancellationToken);
        if (open is not null && await store.FindByIdAsync(open.ResellerId, cancellationToken) is { } reseller)
        {
            return Redirect(urls.For(reseller, "/clients"));
        }

        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken)
    {
        await EndAsync(ImpersonationEndReasons.EndedByReseller, cancellationToken);
        return LocalRedirect("/");
    }

    private async Task<OpenImpersonation?> EndAsync(string reason, CancellationToken cancellationToken)
    {
        var open = HttpContext.Features.Get<OpenImpersonation>();
        if (open is null) return null;
        await sessions.EndAsync(open.Id, reason, cancellationToken);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return open;
    }
}
