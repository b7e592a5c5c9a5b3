using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// People of the organization and their roles (C11). Only owners make or unmake owners, and the
/// last owner cannot be demoted or removed. Every change is audited.
/// </summary>
public sealed class MembersModel(PortalDbContext db, CurrentMember member, AuditLog audit) : PageModel
{
    /// <param name="FreeSeat">What a module-managed seat is called ("consultant seat"); such a row is read-only here.</param>
    public sealed record Row(Guid Id, string? Name, string Email, OrganizationRole Role, DateTime Since, string? ManagedBy, string? FreeSeat);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
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
        return RedirectToPage(new { message = $"{target.User.Email} was removed." });
    }

    /// <summary>A seat a module manages (a consultant's, C5) is changed or ended there, never here.</summary>
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

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = await db.Memberships.AsNoTracking()
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new Row(m.Id, m.User!.DisplayName, m.User.Email!, m.Role, m.CreatedAt, m.ManagedBy, m.FreeSeat))
            .ToListAsync(cancellationToken);
}
