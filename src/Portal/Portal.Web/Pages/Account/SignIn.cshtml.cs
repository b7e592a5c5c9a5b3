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
/// Sign in on this host (A1). The session is bound to this host's tenant; on the platform host
/// only platform admins may sign in. Failures count towards lockout and are audited.
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit, PortalDbContext db, CurrentMember member, Shell shell) : PageModel
{
    public const string FailedMessage = "The e-mail or password is not right. Check both and try again.";
    public const string LockedMessage = "Too many failed attempts: this account is locked for 15 minutes. Reset your password or try again later.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(200)]
        public string Password { get; set; } = string.Empty;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var tenant = HttpContext.Tenancy()?.Tenant;
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null || (tenant is null && !user.IsPlatformAdmin))
        {
            await RecordAsync("signin.failed", tenant, null, Input.Email.Trim(), "unknown account");
            Error = FailedMessage;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync("signin.succeeded", tenant, user.Id, user.Email, null);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : shell.LandingPath(await member.ViewerAfterSignInAsync(user)));
        }

        var locked = result.IsLockedOut;
        await RecordAsync(locked ? "signin.locked_out" : "signin.failed", tenant, user.Id, user.Email, locked ? "locked out" : "wrong password");
        Error = locked ? LockedMessage : FailedMessage;
        return Page();
    }

    private async Task RecordAsync(string action, TenantInfo? tenant, Guid? userId, string? email, string? detail)
    {
        // Sign-ins on the platform host have no organization to file them under; they go to the log.
        if (tenant is null) return;
        audit.Record(action, detail, userId, email is { Length: > 254 } ? email[..254] : email);
        await db.SaveChangesAsync();
    }
}
