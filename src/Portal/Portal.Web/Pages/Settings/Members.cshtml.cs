using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// People of the organization and their roles (C11). Only owners make or unmake owners, and the
/// last owner cannot be demoted or removed. Every change is audited.
/// </summary>
public sealed class MembersModel(PortalDbContext db, CurrentMember member, AuditLog audit, UndoTokens undo, IPlanLimits limits, TimeProvider time, Tenancy.ITenantContext tenant) : PageModel
{
    /// <summary>Whether the organization requires two-factor sign-in of everyone (its owners decide).</summary>
    public bool RequireTwoFactor { get; private set; }

    /// <summary>Whether the person looking may change <see cref="RequireTwoFactor"/>: an owner, in person.</summary>
    public bool MayRequireTwoFactor { get; private set; }

    /// <param name="FreeSeat">What a module-managed seat is called ("consultant seat"); such a row is read-only here.</param>
    public sealed record Row(Guid Id, string? Name, string Email, OrganizationRole Role, DateTime Since, string? ManagedBy, string? FreeSeat);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The sealed removal the message's "Undo" puts back (see <see cref="UndoTokens"/>).</summary>
    public string? Undo { get; private set; }

    public const string UndoPurpose = "member.removed";

    /// <summary>What a removal took away, so Undo restores the same role and workspace seats.</summary>
    public sealed record RemovedMember(Guid UserId, string Email, OrganizationRole Role, bool SupportSpecialist, List<RemovedSeat> Seats);

    public sealed record RemovedSeat(Guid WorkspaceId, WorkspaceRole Role);

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, string? undo, CancellationToken cancellationToken)
    {
        Message = message;
        Undo = undo;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid membershipId, OrganizationRole role, CancellationToken cancellationToken)
    {
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return await FailAsync("That member is not in this organization any more.", cancellationToken);
        if (target.ManagedBy is not null) return await FailAsync(ManagedMessage(target), cancellationToken);
        if (!Enum.IsDefined(role)) return await FailAsync("Choose one of the listed roles.", cancellationToken);
        if (target.Role == role) return RedirectToPage(new { message = "Nothing changed." });

        var me = (await member.GetAsync(cancellationToken))!;
        if ((role == OrganizationRole.Owner || target.Role == OrganizationRole.Owner) && member.IsImpersonating)
            return await FailAsync("A partner logged in as this account cannot make owners or change an owner's role.", cancellationToken);
        if ((role == OrganizationRole.Owner || target.Role == OrganizationRole.Owner) && me.Role != OrganizationRole.Owner)
            return await FailAsync("Only an owner can make someone an owner or change an owner's role.", cancellationToken);
        if (target.Role == OrganizationRole.Owner && await IsLastOwnerAsync(cancellationToken))
            return await FailAsync("This is the last owner. Make someone else an owner first.", cancellationToken);

        audit.Record("member.role_changed", $"{target.User!.Email}: {target.Role} → {role}");
        target.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = $"{target.User.Email} is now {role.ToString().ToLowerInvariant()}." });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return await FailAsync("That member is not in this organization any more.", cancellationToken);
        if (target.ManagedBy is not null) return await FailAsync(ManagedMessage(target), cancellationToken);

        var me = (await member.GetAsync(cancellationToken))!;
        if (target.Role == OrganizationRole.Owner && (me.Role != OrganizationRole.Owner || member.IsImpersonating))
            return await FailAsync("Only an owner can remove an owner.", cancellationToken);
        if (target.Role == OrganizationRole.Owner && await IsLastOwnerAsync(cancellationToken))
            return await FailAsync("This is the last owner. Make someone else an owner first.", cancellationToken);

        var workspaceSeats = await db.WorkspaceMemberships.Where(w => w.UserId == target.UserId).ToListAsync(cancellationToken);
        db.WorkspaceMemberships.RemoveRange(workspaceSeats);
        db.Memberships.Remove(target);
        audit.Record("member.removed", target.User!.Email);
        await db.SaveChangesAsync(cancellationToken);
        await limits.ReleasedAsync(db.CurrentTenantId!.Value, cancellationToken);
        var removed = new RemovedMember(target.UserId, target.User.Email!, target.Role, target.SupportSpecialist, workspaceSeats.Select(w => new RemovedSeat(w.WorkspaceId, w.Role)).ToList());
        return RedirectToPage(new
        {
            message = $"{target.User.Email} was removed: they can no longer sign in here.",
            undo = undo.Seal(UndoPurpose, db.CurrentTenantId!.Value, removed),
        });
    }

    /// <summary>Puts a removed member back with the same role and workspace seats, within <see cref="UndoTokens.Lifetime"/>.</summary>
    public async Task<IActionResult> OnPostUndoAsync(string? token, CancellationToken cancellationToken)
    {
        var removed = undo.Open<RemovedMember>(token, UndoPurpose, db.CurrentTenantId!.Value);
        if (removed is null) return await FailAsync($"That removal can no longer be undone (Undo lasts {UndoTokens.Lifetime.TotalMinutes:0} minutes). Invite the person again instead.", cancellationToken);
        if (await db.Memberships.AnyAsync(m => m.UserId == removed.UserId, cancellationToken)) return RedirectToPage(new { message = $"{removed.Email} is already a member." });
        var me = (await member.GetAsync(cancellationToken))!;
        if (removed.Role == OrganizationRole.Owner && (me.Role != OrganizationRole.Owner || member.IsImpersonating))
            return await FailAsync("Only an owner can bring back an owner.", cancellationToken);
        if (await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Members, 1, cancellationToken) is { Allowed: false } refused)
            return await FailAsync(refused.Message!, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        db.Memberships.Add(new Membership { UserId = removed.UserId, Role = removed.Role, SupportSpecialist = removed.SupportSpecialist, CreatedAt = now });
        var open = await db.Workspaces.Where(w => w.ArchivedAt == null).Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var seat in removed.Seats.Where(s => open.Contains(s.WorkspaceId)))
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = seat.WorkspaceId, UserId = removed.UserId, Role = seat.Role, CreatedAt = now });
        audit.Record("member.restored", removed.Email);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = $"{removed.Email} is back as {removed.Role.ToString().ToLowerInvariant()}." });
    }

    /// <summary>A seat a module manages (a consultant's, C5) is changed or ended there, never here.</summary>
    /// <summary>
    /// An owner requires (or stops requiring) two-factor sign-in of everyone signed in to this organization;
    /// whoever has not turned it on, the owner included, is sent to turn it on at their next page.
    /// </summary>
    public async Task<IActionResult> OnPostTwoFactorAsync(bool require, CancellationToken cancellationToken)
    {
        var me = (await member.GetAsync(cancellationToken))!;
        if (me.Role != OrganizationRole.Owner || member.IsImpersonating)
            return await FailAsync("Only an owner of this organization can change whether two-factor sign-in is required.", cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == tenant.Current!.Id, cancellationToken);
        if (organization.RequireTwoFactor == require) return RedirectToPage(new { message = "Nothing changed." });

        organization.RequireTwoFactor = require;
        audit.Record(require ? "organization.two_factor_required" : "organization.two_factor_not_required", organization.Name);
        // Saving the organization evicts its cached tenant on every instance, so the gate applies at once.
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new
        {
            message = require
                ? $"Two-factor sign-in is now required for everyone in {organization.Name}. Whoever has not turned it on, you included, is asked to at their next page."
                : $"Two-factor sign-in is no longer required in {organization.Name}; people who use it keep it.",
        });
    }

    private static string ManagedMessage(Membership target) =>
        $"{target.User!.Email} holds a protected {target.FreeSeat ?? "seat"}: it cannot be changed or removed here. See the workspace it belongs to.";

    private async Task<bool> IsLastOwnerAsync(CancellationToken cancellationToken) =>
        await db.Memberships.CountAsync(m => m.Role == OrganizationRole.Owner, cancellationToken) <= 1;

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await db.Memberships.AsNoTracking()
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new Row(m.Id, m.User!.DisplayName, m.User.Email!, m.Role, m.CreatedAt, m.ManagedBy, m.FreeSeat))
            .ToListAsync(cancellationToken);
        RequireTwoFactor = await db.Organizations.Where(o => o.Id == tenant.Current!.Id).Select(o => o.RequireTwoFactor).SingleAsync(cancellationToken);
        MayRequireTwoFactor = (await member.GetAsync(cancellationToken))?.Role == OrganizationRole.Owner && !member.IsImpersonating;
    }
}
