using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class ResetPasswordModel(UserManager<PortalUser> users, PortalDbContext db, AuditLog audit, UserSessions sessions) : PageModel
{
    public const string InvalidLinkMessage = "This reset link is not valid any more. Ask for a new one on the \"Forgot your password?\" page.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(200)]
    public string Password { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
        ModelState.Clear();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();

        var user = Guid.TryParse(UserId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        var tenant = HttpContext.Tenancy()?.Tenant;
        var allowedHere = user is not null && await HostAccess.ServesAsync(db, user, tenant, cancellationToken);
        string? token = null;
        try
        {
            token = Token is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
        }

        if (user is null || !allowedHere || token is null)
        {
            Error = InvalidLinkMessage;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken")) Error = InvalidLinkMessage;
            else foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), error.Description);
            return Page();
        }

        // Whoever knew the old password may hold a session: every one ends, on every host (A6).
        await sessions.EndAllAsync(user.Id, SessionEndReasons.PasswordReset, cancellationToken: cancellationToken);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        if (tenant is not null)
        {
            audit.Record("password.reset", null, user.Id, user.Email);
            await db.SaveChangesAsync(cancellationToken);
        }

        Done = true;
        return Page();
    }
}
