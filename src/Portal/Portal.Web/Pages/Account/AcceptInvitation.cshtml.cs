using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Accepts an invitation on the inviting organization's host: a new person sets a password, a
/// person who already has an account (on any host) confirms with theirs. Then signs in here.
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class AcceptInvitationModel(
    Invitations invitations,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    PortalDbContext db,
    TimeProvider time,
    CurrentMember member,
    Shell shell) : PageModel
{
    public const string InvalidMessage = "This invitation link is not valid: it was used, withdrawn or has expired. Ask for a new invitation.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [StringLength(200)]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a password.")]
    [StringLength(200)]
    public string Password { get; set; } = string.Empty;

    public Invitation? Invitation { get; private set; }

    public bool HasAccount { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (HttpContext.Tenancy()?.Tenant is null) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()?.Tenant is null) return NotFound();
        var user = await LoadAsync();
        if (Invitation is null) return Page();
        if (!ModelState.IsValid) return Page();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(DisplayName))
            {
                ModelState.AddModelError(nameof(DisplayName), "Enter your name.");
                return Page();
            }

            user = new PortalUser
            {
                Email = Invitation.Email,
                UserName = Invitation.Email,
                EmailConfirmed = true,
                DisplayName = DisplayName.Trim(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) ModelState.AddModelError(nameof(Password), error.Description);
                return Page();
            }
        }
        else if (!await users.CheckPasswordAsync(user, Password))
        {
            Error = "That password is not right for " + user.Email + ".";
            return Page();
        }

        await invitations.AcceptAsync(Invitation, user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(shell.LandingPath(await member.ViewerAfterSignInAsync(user, cancellationToken)));
    }

    private async Task<PortalUser?> LoadAsync()
    {
        Invitation = await invitations.FindOpenAsync(Token);
        if (Invitation is null) return null;
        var user = await users.FindByEmailAsync(Invitation.Email);
        HasAccount = user is not null;
        return user;
    }
}
