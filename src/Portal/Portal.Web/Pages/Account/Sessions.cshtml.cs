using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// The person's open sessions on every host, by host, device and last use (A6); each can be ended,
/// or all at once ("sign out everywhere", which also renews the security stamp). Open to anyone
/// signed in on this host, member or platform admin; others are sent to sign in.
/// </summary>
public sealed class SessionsModel(UserSessions sessions, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, HostAudit audit, PortalDbContext db) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public Guid? Current { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Current = SessionCookie.SessionOf(User);
        Sessions = await sessions.OpenAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (sessionId == SessionCookie.SessionOf(User)) return await SignOutHereAsync();
        Message = await sessions.EndAsync(user.Id, sessionId, SessionEndReasons.EndedByUser, cancellationToken)
            ? "That session is ended: the next request from it is asked to sign in."
            : "That session had ended already.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var ended = await sessions.EndAllAsync(user.Id, SessionEndReasons.SignedOutEverywhere, cancellationToken: cancellationToken);
        // The stamp too, so that nothing issued before this moment is accepted again.
        await users.UpdateSecurityStampAsync(user);
        audit.Record("account.signed_out_everywhere", $"Signed out everywhere: {ended} session(s) ended");
        await db.SaveChangesAsync(cancellationToken);
        await signIn.SignOutAsync();
        return LocalRedirect("/account/signin");
    }

    private async Task<IActionResult> SignOutHereAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/account/signin");
    }
}
