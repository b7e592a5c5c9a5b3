using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// The second step of signing in (A6), after the password, for people with two-factor sign-in on:
/// a code from the authenticator app, or one of the recovery codes (each works once). Wrong codes
/// count towards lockout like wrong passwords.
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class SignInCodeModel(SignInManager<PortalUser> signIn, HostAudit audit, PortalDbContext db, CurrentMember member, Shell shell) : PageModel
{
    public const string WrongCodeMessage = "That code is not right. Type the six digits your app shows now, or a recovery code.";

    [BindProperty]
    [Required(ErrorMessage = "Type the code from your authenticator app, or a recovery code.")]
    [StringLength(40)]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect("/account/signin") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return LocalRedirect("/account/signin");
        if (!ModelState.IsValid) return Unprocessable();

        var code = Code.Replace(" ", string.Empty).Replace("-", string.Empty);
        // Six digits are the app's; anything else is tried as a recovery code.
        var recovery = !(code.Length == 6 && code.All(char.IsAsciiDigit));
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            audit.Record("signin.succeeded", recovery ? "with a recovery code" : "with an authenticator code", user.Id, user.Email);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : shell.LandingPath(await member.ViewerAfterSignInAsync(user)));
        }

        audit.Record(result.IsLockedOut ? "signin.locked_out" : "signin.failed", "wrong second-factor code", user.Id, user.Email);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Error = result.IsLockedOut ? SignInModel.LockedMessage : WrongCodeMessage;
        return Unprocessable();
    }

    private PageResult Unprocessable()
    {
        Code = string.Empty;
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
