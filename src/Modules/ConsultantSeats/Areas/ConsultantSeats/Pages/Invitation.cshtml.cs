using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages;

/// <summary>
/// A consultant accepts an invitation on the client's host (C3) with the one identity they have:
/// signed in here already, or confirming with their password (no second account is ever made).
/// Only a certified consultant can accept; anyone else reads why and nothing changes.
/// </summary>
[EnableRateLimiting(SeatsRegistration.AcceptPolicy)]
public sealed class InvitationModel(
    SeatInvitations invitations,
    Certifications certifications,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    CurrentMember member,
    Shell shell) : SeatPage
{
    public const string InvalidMessage = "This invitation link does not work: it was used, withdrawn or has expired. Ask for a new invitation.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public Guid? PartnerId { get; set; }

    public ConsultantInvitation? Invitation { get; private set; }

    public string Workspace { get; private set; } = string.Empty;

    /// <summary>True when the person signed in on this host is the one invited: no password is asked.</summary>
    public bool SignedInAsInvitee { get; private set; }

    /// <summary>The partners the invitee is certified with; more than one, and they choose.</summary>
    public IReadOnlyList<CertifiedWith> Certified { get; private set; } = [];

    /// <summary>Why this person cannot accept, when they cannot.</summary>
    public string? Refusal { get; private set; }

    private PortalUser? _invitee;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()?.Tenant is null) return NotFound();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()?.Tenant is null) return NotFound();
        await LoadAsync(cancellationToken);
        if (Invitation is null) return Page();
        if (Refusal is not null) return await FailAsync(Refusal, () => Task.CompletedTask);
        var invitee = _invitee!;

        if (!SignedInAsInvitee)
        {
            var check = await signIn.CheckPasswordSignInAsync(invitee, Password ?? string.Empty, lockoutOnFailure: true);
            if (check.IsLockedOut) return await FailAsync("Too many failed attempts: this account is locked for 15 minutes.", () => Task.CompletedTask);
            if (!check.Succeeded) return await FailAsync($"That password is not right for {invitee.Email}.", () => Task.CompletedTask);
        }

        var partner = Certified.Count == 1 ? Certified[0] : Certified.FirstOrDefault(c => c.PartnerId == PartnerId);
        if (partner is null) return await FailAsync("Choose the partner you consult for here.", () => Task.CompletedTask);

        var result = await invitations.AcceptAsync(Invitation, invitee, partner.PartnerId, cancellationToken);
        if (result.Error is not null) return await FailAsync(result.Error, () => Task.CompletedTask);
        if (!SignedInAsInvitee) await signIn.SignInAsync(invitee, isPersistent: false);
        return LocalRedirect(shell.LandingPath(await member.ViewerAfterSignInAsync(invitee, cancellationToken)));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (await invitations.FindOpenAsync(Token, cancellationToken) is not { } found) return;
        (Invitation, Workspace) = found;
        _invitee = await users.FindByEmailAsync(Invitation.Email);
        if (_invitee is null)
        {
            Refusal = $"Consultant seats are for certified consultants, and {Invitation.Email} has no account yet. Ask the platform to certify you, then open this link again. Nothing has changed.";
            return;
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            if (User.IsImpersonating() || member.UserId != _invitee.Id)
            {
                Refusal = $"This invitation is for {Invitation.Email}, and you are signed in here as someone else. Sign out, then open the link again.";
                return;
            }

            SignedInAsInvitee = true;
        }

        Certified = await certifications.ActiveAsync(_invitee.Id, cancellationToken);
        if (Certified.Count == 0)
        {
            Refusal = $"{Invitation.Email} is not a certified consultant, so cannot take a consultant seat. Nothing has changed. Ask the platform to certify you, then open this link again.";
        }
    }
}
