using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Mail;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Team;

public enum PartnerRole
{
    PartnerAdmin = 0,
    PartnerEmployee = 1,
    SupportSpecialist = 2,
}

/// <summary>
/// The reseller's people (R13, R15), for partner admins only: their partner roles, invitations,
/// deactivation and reactivation, and the client access manager (which employee reaches which
/// client). Owners are changed under Settings → Members.
/// </summary>
public sealed class IndexModel(PartnerAccess access, PortalDbContext db, Invitations invitations, AuditLog audit, TimeProvider time) : ResellerPage(access)
{
    public sealed record Person(Guid MembershipId, Guid UserId, string Email, OrganizationRole Role, bool SupportSpecialist, DateTime? DeactivatedAt, DateTime? LastActiveAt, IReadOnlyList<(Guid Id, string Name)> Clients)
    {
        public PartnerRole PartnerRole => Role >= OrganizationRole.Admin ? PartnerRole.PartnerAdmin : SupportSpecialist ? PartnerRole.SupportSpecialist : PartnerRole.PartnerEmployee;
    }

    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        Message = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync([DeliverableAddress] string? email, PartnerRole role, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(email) || !ModelState.IsValid || email.Length > 254) return await FailAsync("Enter a valid e-mail address to invite.", cancellationToken);
        if (!Enum.IsDefined(role)) return await FailAsync("Choose one of the listed roles.", cancellationToken);
        // The partner role travels with the invitation, so the invitee joins with exactly the role chosen here.
        invitations.Create(email, role == PartnerRole.PartnerAdmin ? OrganizationRole.Admin : OrganizationRole.Member, UserId, Reseller.Name, supportSpecialist: role == PartnerRole.SupportSpecialist);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/team?message=" + Uri.EscapeDataString($"{email.Trim()} was invited as {RoleText(role)}."));
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid membershipId, PartnerRole role, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return NotFound();
        if (!Enum.IsDefined(role)) return await FailAsync("Choose one of the listed roles.", cancellationToken);
        if (target.Role == OrganizationRole.Owner) return await FailAsync("An owner's role is changed under Settings → Members.", cancellationToken);
        if (target.UserId == UserId) return await FailAsync("You cannot change your own role.", cancellationToken);
        target.Role = role == PartnerRole.PartnerAdmin ? OrganizationRole.Admin : OrganizationRole.Member;
        target.SupportSpecialist = role == PartnerRole.SupportSpecialist;
        audit.Record("member.role_changed", $"{target.User!.Email}: {RoleText(role)}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/team?message=" + Uri.EscapeDataString($"{target.User.Email} is now {RoleText(role)}."));
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid membershipId, bool active, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return NotFound();
        if (target.UserId == UserId) return await FailAsync("You cannot deactivate yourself.", cancellationToken);
        if (target.Role == OrganizationRole.Owner) return await FailAsync("An owner cannot be deactivated; change the role under Settings → Members first.", cancellationToken);
        target.DeactivatedAt = active ? null : time.GetUtcNow().UtcDateTime;
        audit.Record(active ? "member.reactivated" : "member.deactivated", target.User!.Email);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/team?message=" + Uri.EscapeDataString($"{target.User.Email} was {(active ? "reactivated" : "deactivated")}."));
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid membershipId, string? client, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return NotFound();
        var key = client?.Trim().ToLowerInvariant();
        var row = string.IsNullOrEmpty(key) ? null : await db.Set<ClientRow>().AsNoTracking()
            .Where(r => r.TenantId == Reseller.Id && (r.NameKey == key || r.HostKey == key)).OrderBy(r => r.NameKey).FirstOrDefaultAsync(cancellationToken);
        if (row is null || !await db.PartnerClientLinks.AnyAsync(l => l.PartnerId == Reseller.Id && l.ClientId == row.ClientId && l.EndedAt == null, cancellationToken))
            return await FailAsync("None of your clients has that name or address. Enter a client's name or address exactly as the dashboard shows it.", cancellationToken);
        if (!await db.PartnerClientAssignments.AnyAsync(a => a.UserId == target.UserId && a.ClientId == row.ClientId, cancellationToken))
        {
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { UserId = target.UserId, ClientId = row.ClientId, AssignedByUserId = UserId, CreatedAt = time.GetUtcNow().UtcDateTime });
            audit.Record("access.assigned", $"{target.User!.Email} → {row.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect("/team?message=" + Uri.EscapeDataString($"{target.User!.Email} may now enter {row.Name}."));
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid membershipId, Guid clientId, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        var target = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null) return NotFound();
        var assignment = await db.PartnerClientAssignments.FirstOrDefaultAsync(a => a.UserId == target.UserId && a.ClientId == clientId, cancellationToken);
        if (assignment is null) return NotFound();
        db.PartnerClientAssignments.Remove(assignment);
        audit.Record("access.unassigned", $"{target.User!.Email} ✕ {clientId}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/team?message=" + Uri.EscapeDataString($"{target.User.Email} no longer enters that client."));
    }

    public static string RoleText(PartnerRole role) => role switch
    {
        PartnerRole.PartnerAdmin => "partner admin",
        PartnerRole.SupportSpecialist => "support specialist",
        _ => "partner employee",
    };

    private Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken) => FailAsync(error, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var members = await db.Memberships.AsNoTracking().OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new { m.Id, m.UserId, Email = m.User!.Email!, m.Role, m.SupportSpecialist, m.DeactivatedAt, m.LastActiveAt }).ToListAsync(cancellationToken);
        var assignments = await db.PartnerClientAssignments.AsNoTracking()
            .Join(db.Organizations, a => a.ClientId, o => o.Id, (a, o) => new { a.UserId, a.ClientId, o.Name })
            .OrderBy(a => a.Name).ToListAsync(cancellationToken);
        People = members.Select(m => new Person(m.Id, m.UserId, m.Email, m.Role, m.SupportSpecialist, m.DeactivatedAt, m.LastActiveAt,
            assignments.Where(a => a.UserId == m.UserId).Select(a => (a.ClientId, a.Name)).ToList())).ToList();
    }
}
