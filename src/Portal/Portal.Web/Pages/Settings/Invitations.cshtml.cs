using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Mail;

namespace PartnerPortal.Web.Pages.Settings;

public sealed class InvitationsModel(
    PortalDbContext db,
    Invitations invitations,
    CurrentMember member,
    UserManager<PortalUser> users,
    AuditLog audit,
    TimeProvider time,
    IPlanLimits limits) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the e-mail address to invite.")]
    [DeliverableAddress]
    [StringLength(254)]
    public string? Email { get; set; }

    [BindProperty]
    public OrganizationRole Role { get; set; } = OrganizationRole.Member;

    public IReadOnlyList<Invitation> Open { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Why the invitation was refused by the plan's member limit (R7); nothing was sent.</summary>
    public string? LimitMessage { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = (await member.GetAsync(cancellationToken))!;
        if (!Enum.IsDefined(Role)) ModelState.AddModelError(nameof(Role), "Choose one of the listed roles.");
        if (Role == OrganizationRole.Owner && (me.Role != OrganizationRole.Owner || member.IsImpersonating))
            ModelState.AddModelError(nameof(Role), "Only an owner can invite another owner.");

        // An empty field binds as null, whatever the property's initial value.
        var email = Email?.Trim() ?? string.Empty;
        if (ModelState.IsValid)
        {
            var existing = await users.FindByEmailAsync(email);
            if (existing is not null && await db.Memberships.AnyAsync(m => m.UserId == existing.Id, cancellationToken))
                ModelState.AddModelError(nameof(Email), $"{email} is already a member.");
            var now = time.GetUtcNow().UtcDateTime;
            if (await db.Invitations.AnyAsync(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken))
                ModelState.AddModelError(nameof(Email), $"{email} already has an open invitation. Withdraw it to send a new one.");
        }

        if (ModelState.IsValid && await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Members, 1, cancellationToken) is { Allowed: false } refused)
        {
            LimitMessage = refused.Message;
            ModelState.AddModelError(string.Empty, refused.Message!);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var inviter = await users.FindByIdAsync(me.UserId.ToString());
        invitations.Create(email, Role, me.UserId, inviter?.DisplayName ?? inviter?.Email ?? "An admin");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = $"Invitation sent to {email}." });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null || invitation.RevokedAt is not null || invitation.AcceptedAt is not null)
        {
            return RedirectToPage(new { message = "That invitation is no longer open." });
        }

        invitation.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Record("invitation.revoked", invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = $"Invitation to {invitation.Email} withdrawn." });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Open = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
    }
}
