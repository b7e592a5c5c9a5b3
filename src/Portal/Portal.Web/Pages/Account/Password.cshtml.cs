using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Change one's password (A6): the current one first; every other session ends, on every host, and
/// this one goes on. Open to anyone signed in on this host.
/// </summary>
// Rate limited like sign-in: a session holder cannot try current passwords at will.
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class PasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, UserSessions sessions, HostAudit audit, PortalDbContext db) : PageModel
{
    public const string WrongCurrentMessage = "That is not your current password. Type it again.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(200)]
        public string Current { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(200)]
        public string New { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(New), ErrorMessage = "The two new passwords are not the same.")]
        [StringLength(200)]
        public string Confirm { get; set; } = string.Empty;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!ModelState.IsValid) return Unprocessable();

        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ModelState.AddModelError("Input.Current", WrongCurrentMessage);
                else ModelState.AddModelError("Input.New", error.Description);
            }

            return Unprocessable();
        }

        var ended = await sessions.EndAllAsync(user.Id, SessionEndReasons.PasswordChanged, keep: SessionCookie.SessionOf(User), cancellationToken);
        audit.Record("password.changed", $"Changed the password; {ended} other session(s) ended");
        await db.SaveChangesAsync(cancellationToken);
        // The stamp changed: a fresh cookie for this session, which stays open.
        await signIn.RefreshSignInAsync(user);
        Message = ended == 0
            ? "Your password is changed."
            : $"Your password is changed. {ended} other session{(ended == 1 ? " was" : "s were")} signed out.";
        return RedirectToPage();
    }

    private PageResult Unprocessable()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
