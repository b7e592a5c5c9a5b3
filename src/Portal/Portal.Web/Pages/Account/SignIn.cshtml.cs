using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Sign in on this host (A1, A6). The session is bound to this host's tenant; on the platform host
/// only platform admins may sign in, on an organization's host only its people and the partner
/// staff who may enter it. Failures count towards lockout and are audited; an unknown address or a
/// person this host does not serve gets the same answer after the same work, and touches neither the
/// person's lockout nor this organization's audit log (another tenant's visitors cannot lock them out).
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, HostAudit audit, PortalDbContext db, CurrentMember member, Shell shell, PartnerAccess partners) : PageModel
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
        if (user is null || !await ServedHereAsync(user, tenant))
        {
            // The work of a password check, so that the answer takes as long as for a known account.
            users.PasswordHasher.VerifyHashedPassword(user ?? new PortalUser(), DecoyHash.Value, Input.Password);
            if (user is null && tenant is not null) await RecordAsync("signin.failed", tenant, null, Input.Email.Trim(), "unknown account");
            Error = FailedMessage;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync("signin.succeeded", tenant, user.Id, user.Email, null);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : shell.LandingPath(await member.ViewerAfterSignInAsync(user)));
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the code page finishes (and audits) the sign-in.
            return LocalRedirect("/account/signin-code" + (Url.IsLocalUrl(ReturnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl) : string.Empty));
        }

        var locked = result.IsLockedOut;
        await RecordAsync(locked ? "signin.locked_out" : "signin.failed", tenant, user.Id, user.Email, locked ? "locked out" : "wrong password");
        Error = locked ? LockedMessage : FailedMessage;
        return Page();
    }

    /// <summary>A hash of a random password in the current format, checked when there is no account to check against.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString("N")));

    private async Task<bool> ServedHereAsync(PortalUser user, TenantInfo? tenant)
    {
        if (await HostAccess.ServesAsync(db, user, tenant, HttpContext.RequestAborted)) return true;
        if (tenant is null) return false;
        // Partner staff who may enter this client (its partner's admins, or those assigned to it).
        var partnerIds = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == tenant.Id && l.EndedAt == null).Select(l => l.PartnerId).ToListAsync(HttpContext.RequestAborted);
        foreach (var partnerId in partnerIds)
        {
            if (await partners.CanEnterAsync(partnerId, user.Id, tenant.Id, HttpContext.RequestAborted)) return true;
        }

        return false;
    }

    private async Task RecordAsync(string action, TenantInfo? tenant, Guid? userId, string? email, string? detail)
    {
        // Sign-ins on the platform host are the platform's (platform admins'; others never get this far).
        audit.Record(action, detail, userId, email is { Length: > 254 } ? email[..254] : email);
        await db.SaveChangesAsync();
    }
}
