using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Sends a branded reset link. The link is built from the organization's stored primary host,
/// never from the request's Host header, and the answer is the same whether the address exists.
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class ForgotPasswordModel(UserManager<PortalUser> users, PortalDbContext db, IMailer mailer, AuditLog audit, TenantUrls urls) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254)]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();

        var tenant = HttpContext.Tenancy()?.Tenant;
        var user = await users.FindByEmailAsync(Email.Trim());
        var allowedHere = user is not null && await HostAccess.ServesAsync(db, user, tenant, cancellationToken);
        if (user is not null && allowedHere)
        {
            var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var path = $"/account/reset-password?user={user.Id:N}&token={token}";
            mailer.Queue("password-reset", new Dictionary<string, string?>
            {
                ["email"] = user.Email,
                ["reset_url"] = tenant is null ? urls.ForPlatform(path) : urls.For(tenant, path),
            }, new MailRecipient(user.Email!, user.DisplayName));
            if (tenant is not null) audit.Record("password.reset_requested", null, user.Id, user.Email);
            await db.SaveChangesAsync(cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
