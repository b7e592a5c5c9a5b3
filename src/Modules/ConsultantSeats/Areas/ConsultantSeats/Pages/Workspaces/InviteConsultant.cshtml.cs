using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Workspaces;

/// <summary>
/// "Invite a consultant" from a workspace's menu (C3), for the organization's admins and the
/// workspace's own admins: by e-mail, with a plain explanation of what a consultant seat is; open
/// invitations can be withdrawn. A workspace id of another organization is no workspace here (404).
/// </summary>
public sealed class InviteConsultantModel(PortalDbContext db, SeatInvitations invitations, SeatOverview overview, CurrentMember member, UserManager<PortalUser> users) : SeatPage
{
    [BindProperty(SupportsGet = true)]
    public Guid WorkspaceId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<ConsultantInvitation> Open { get; private set; } = [];

    public IReadOnlyList<SeatView> Seats { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(cancellationToken) is { } refused) return refused;
        TakeMessage(message);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (await RefuseAsync(cancellationToken) is { } refused) return refused;
        var inviter = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in member has no account.");
        return await AfterAsync(await invitations.InviteAsync(Workspace, Email, inviter, cancellationToken), Here, () => LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(cancellationToken) is { } refused) return refused;
        return await AfterAsync(await invitations.WithdrawAsync(WorkspaceId, invitationId, cancellationToken), Here, () => LoadAsync(cancellationToken));
    }

    private string Here => $"/workspaces/{WorkspaceId}/invite-consultant";

    /// <summary>404 for no such workspace here; 403 for someone who is neither an organization admin nor an admin of this workspace.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == WorkspaceId, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        if (await member.HasRoleAsync(OrganizationRole.Admin, cancellationToken)) return null;
        var userId = member.UserId;
        var workspaceAdmin = await db.WorkspaceMemberships.AnyAsync(m => m.WorkspaceId == WorkspaceId && m.UserId == userId && m.Role == WorkspaceRole.Admin, cancellationToken);
        return workspaceAdmin ? null : StatusCode(StatusCodes.Status403Forbidden);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Open = await invitations.OpenAsync(WorkspaceId, cancellationToken);
        Seats = (await overview.ForClientAsync(cancellationToken)).Where(s => s.WorkspaceId == WorkspaceId && s.Status != SeatStatus.Ended).ToList();
    }
}
