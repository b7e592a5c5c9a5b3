using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Invitations;

/// <summary>
/// Invitations of consultants into the current organization's workspaces (C3): sent by e-mail in
/// the organization's branding with a plain explanation of the seat, accepted on its host by the
/// consultant's one identity, single use (claimed with a conditional update), expiring, withdrawn.
/// </summary>
public sealed class SeatInvitations(PortalDbContext db, Seating seating, IMailer mailer, AuditLog audit, TenantUrls urls, ITenantContext tenants, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>What a consultant seat is, in the words the invitation and its page use.</summary>
    public const string WhatASeatIs =
        "A consultant seat is free: it never counts toward your plan's members or paid seats. It is protected: no one here can remove it by mistake; " +
        "the consultant can leave, and the owner can deactivate it with notice and a reason. The consultant sees only the solutions they build or are given in this workspace, " +
        "unless the owner makes them a workspace admin as well. Whatever they build stays yours.";

    /// <summary>Invites <paramref name="email"/> into the workspace; a still open invitation of the same address there is replaced. Saves.</summary>
    public async Task<SeatResult> InviteAsync(Workspace workspace, string? email, PortalUser inviter, CancellationToken cancellationToken = default)
    {
        email = email?.Trim();
        if (!DeliverableAddress.IsValid(email))
            return SeatResult.Failed("Enter the consultant's e-mail address, e.g. name@consultancy.com.");
        var client = tenants.Current!;
        var now = time.GetUtcNow().UtcDateTime;
        var lowered = email.ToLowerInvariant();
        var open = await db.Set<ConsultantInvitation>()
            .Where(i => i.WorkspaceId == workspace.Id && i.Email.ToLower() == lowered && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var replaced in open) replaced.WithdrawnAt = now;

        var token = Tokens.New();
        db.Add(new ConsultantInvitation
        {
            WorkspaceId = workspace.Id,
            Email = email,
            TokenHash = Tokens.Hash(token),
            InvitedByUserId = inviter.Id,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        mailer.Queue("consultant-invitation", new Dictionary<string, string?>
        {
            ["inviter_name"] = string.IsNullOrWhiteSpace(inviter.DisplayName) ? inviter.Email : inviter.DisplayName,
            ["client_name"] = client.Name,
            ["workspace_name"] = workspace.Name,
            ["what_a_seat_is"] = WhatASeatIs,
            ["accept_url"] = urls.For(client, $"/consultant-invitation?token={token}"),
            ["expires_days"] = Lifetime.Days.ToString(CultureInfo.InvariantCulture),
        }, new MailRecipient(email));
        audit.Record("consultant_seat.invited", $"{email} into {workspace.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded(open.Count == 0
            ? $"Invitation sent to {email}. It is valid for {Lifetime.Days} days."
            : $"A new invitation was sent to {email}; the earlier one no longer works.");
    }

    /// <summary>The workspace's invitations still open, newest first.</summary>
    public async Task<IReadOnlyList<ConsultantInvitation>> OpenAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<ConsultantInvitation>().AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Withdraws an open invitation of the workspace; null when there is none with that id there.</summary>
    public async Task<SeatResult?> WithdrawAsync(Guid workspaceId, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await db.Set<ConsultantInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId && i.WorkspaceId == workspaceId, cancellationToken);
        if (invitation is null) return null;
        if (!invitation.IsOpen(now)) return SeatResult.Failed("That invitation was used, withdrawn or has expired already.");
        invitation.WithdrawnAt = now;
        audit.Record("consultant_seat.invitation_withdrawn", invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded($"The invitation of {invitation.Email} is withdrawn: its link no longer works.");
    }

    /// <summary>The open invitation of the current organization with that token, and its workspace's name; null otherwise.</summary>
    public async Task<(ConsultantInvitation Invitation, string Workspace)?> FindOpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Tokens.Hash(token);
        var invitation = await db.Set<ConsultantInvitation>().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || !invitation.IsOpen(time.GetUtcNow().UtcDateTime)) return null;
        var workspace = await db.Workspaces.Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken);
        return workspace is null ? null : (invitation, workspace);
    }

    /// <summary>
    /// Accepts the invitation as <paramref name="user"/> for <paramref name="partnerId"/>: the
    /// invitation is claimed once, and the seat taken in the same transaction; a refusal (not
    /// certified, already a member) changes nothing.
    /// </summary>
    public async Task<SeatResult> AcceptAsync(ConsultantInvitation invitation, PortalUser user, Guid partnerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<ConsultantInvitation>()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, user.Id), cancellationToken);
        if (claimed != 1) return SeatResult.Failed("This invitation link is not valid any more: it was used, withdrawn or has expired. Ask for a new invitation.");
        var (seat, error) = await seating.TakeAsync(invitation.WorkspaceId, user, partnerId, SeatOrigin.Invitation, cancellationToken);
        if (seat is null) return SeatResult.Failed(error!);
        await transaction.CommitAsync(cancellationToken);
        return SeatResult.Succeeded("You hold a consultant seat here now.");
    }
}
