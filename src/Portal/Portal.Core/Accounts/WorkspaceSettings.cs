using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

/// <summary>A person of a workspace as its page shows them.</summary>
/// <param name="Protected">A seat a module manages (a consultant's, C5): shown, never changed or removed here.</param>
/// <param name="SeatName">What a protected seat is called ("consultant seat").</param>
public sealed record WorkspacePerson(Guid UserId, string? Name, string Email, WorkspaceRole Role, DateTime Since, bool Protected, string? SeatName);

/// <summary>What an action did, in a sentence the page shows; <see cref="Refused"/> when it changed nothing.</summary>
public sealed record WorkspaceOutcome(string Message, bool Refused)
{
    public static WorkspaceOutcome Done(string message) => new(message, false);

    public static WorkspaceOutcome Refuse(string message) => new(message, true);
}

/// <summary>
/// The workspaces of the current organization and their people (C11, C12): organization admins
/// create, rename, archive and restore workspaces; a workspace's admins (and the organization's)
/// add people of the organization, remove them and set their roles. Seats a module manages (a
/// consultant's) are shown and never changed here. Each action is one save with its audit entry;
/// what a person can fix comes back as a sentence and changes nothing. Callers find the workspace
/// first (<see cref="FindAsync"/>: other organizations' and archived ones are not found) and check
/// <see cref="MayManageAsync"/>.
/// </summary>
public sealed class WorkspaceSettings(PortalDbContext db, CurrentMember member, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>The roles given on a workspace's page; a consultant's seat is given by the module that manages it.</summary>
    public static readonly IReadOnlyList<WorkspaceRole> AssignableRoles = [WorkspaceRole.Admin, WorkspaceRole.ExecutiveViewer, WorkspaceRole.Member];

    public static string RoleName(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin => "Workspace admin",
        WorkspaceRole.ExecutiveViewer => "Executive viewer",
        WorkspaceRole.Consultant => "Consultant",
        _ => "Member",
    };

    /// <summary>What a role may do, in one plain sentence (shown beside the role everywhere it is chosen).</summary>
    public static string RoleSentence(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin => "Adds and removes people here, sets their roles, and builds every solution of the workspace.",
        WorkspaceRole.ExecutiveViewer => "Sees every solution of the workspace and its records, and changes nothing.",
        WorkspaceRole.Consultant => "A certified consultant in a free, protected seat: sees and builds only the solutions they built or were given.",
        _ => "Works only in the solutions assigned to them.",
    };

    public Task<bool> IsOrganizationAdminAsync(CancellationToken cancellationToken) => member.HasRoleAsync(OrganizationRole.Admin, cancellationToken);

    /// <summary>The organization's workspaces by name: the active ones, or the archived ones.</summary>
    public Task<List<Workspace>> ListAsync(bool archived, CancellationToken cancellationToken) =>
        db.Workspaces.AsNoTracking().Where(w => (w.ArchivedAt != null) == archived).OrderBy(w => w.Name).ToListAsync(cancellationToken);

    /// <summary>How many people hold a seat in each workspace.</summary>
    public async Task<Dictionary<Guid, int>> HeadcountsAsync(CancellationToken cancellationToken) =>
        await db.WorkspaceMemberships.GroupBy(m => m.WorkspaceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>The active workspaces the signed-in member may open, with their seat's role (none for an organization admin without a seat).</summary>
    public async Task<IReadOnlyList<(Workspace Workspace, WorkspaceRole? Role)>> MineAsync(CancellationToken cancellationToken)
    {
        var roles = await RolesAsync(cancellationToken);
        var admin = await IsOrganizationAdminAsync(cancellationToken);
        return (await ListAsync(archived: false, cancellationToken))
            .Where(w => admin || roles.ContainsKey(w.Id))
            .Select(w => (w, roles.TryGetValue(w.Id, out var role) ? role : (WorkspaceRole?)null))
            .ToList();
    }

    /// <summary>An active workspace of this organization; null for an id of another organization or of an archived workspace.</summary>
    public Task<Workspace?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Workspaces.FirstOrDefaultAsync(w => w.Id == id && w.ArchivedAt == null, cancellationToken);

    /// <summary>An archived workspace of this organization (to restore it); null otherwise.</summary>
    public Task<Workspace?> FindArchivedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Workspaces.FirstOrDefaultAsync(w => w.Id == id && w.ArchivedAt != null, cancellationToken);

    /// <summary>The signed-in member's role in the workspace; null without a seat there.</summary>
    public async Task<WorkspaceRole?> RoleOfAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        (await RolesAsync(cancellationToken)).TryGetValue(workspaceId, out var role) ? role : null;

    /// <summary>Organization admins and the workspace's own admins manage its people.</summary>
    public async Task<bool> MayManageAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await IsOrganizationAdminAsync(cancellationToken) || await RoleOfAsync(workspaceId, cancellationToken) == WorkspaceRole.Admin;

    public async Task<(Workspace? Workspace, WorkspaceOutcome Outcome)> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? string.Empty;
        if (await NameProblemAsync(name, null, cancellationToken) is { } problem) return (null, WorkspaceOutcome.Refuse(problem));
        var workspace = new Workspace { Name = name, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Workspaces.Add(workspace);
        audit.Record("workspace.created", name);
        await db.SaveChangesAsync(cancellationToken);
        return (workspace, WorkspaceOutcome.Done($"{name} is created. Add its people on its page."));
    }

    public async Task<WorkspaceOutcome> RenameAsync(Workspace workspace, string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? string.Empty;
        if (name == workspace.Name) return WorkspaceOutcome.Done("Nothing changed.");
        if (await NameProblemAsync(name, workspace.Id, cancellationToken) is { } problem) return WorkspaceOutcome.Refuse(problem);
        audit.Record("workspace.renamed", $"{workspace.Name} → {name}");
        workspace.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"The workspace is now called {name}.");
    }

    /// <summary>Hides the workspace everywhere; its solutions, records and people are kept until it is restored.</summary>
    public async Task<WorkspaceOutcome> ArchiveAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        // People who join the organization are seated in its first workspace: there must be one.
        if (!await db.Workspaces.AnyAsync(w => w.Id != workspace.Id && w.ArchivedAt == null, cancellationToken))
            return WorkspaceOutcome.Refuse($"{workspace.Name} is the only workspace left. Create another one before archiving it.");
        workspace.ArchivedAt = time.GetUtcNow().UtcDateTime;
        audit.Record("workspace.archived", workspace.Name);
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"{workspace.Name} is archived: no one sees it now, and everything in it is kept. Restore it below.");
    }

    public async Task<WorkspaceOutcome> RestoreAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        workspace.ArchivedAt = null;
        audit.Record("workspace.restored", workspace.Name);
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"{workspace.Name} is restored, with its solutions and people.");
    }

    public async Task<IReadOnlyList<WorkspacePerson>> PeopleAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var seats = await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new { m.UserId, m.Role, m.CreatedAt, m.User!.DisplayName, m.User.Email }).ToListAsync(cancellationToken);
        var ids = seats.Select(s => s.UserId).ToList();
        var managed = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId) && m.ManagedBy != null)
            .ToDictionaryAsync(m => m.UserId, m => m.FreeSeat, cancellationToken);
        return seats
            .Select(s => new WorkspacePerson(s.UserId, s.DisplayName, s.Email ?? string.Empty, s.Role, s.CreatedAt,
                s.Role == WorkspaceRole.Consultant || managed.ContainsKey(s.UserId), managed.GetValueOrDefault(s.UserId)))
            .OrderByDescending(p => p.Role == WorkspaceRole.Admin).ThenBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>People of the organization who can be added: active members not here yet, without a seat a module manages.</summary>
    public async Task<IReadOnlyList<(Guid UserId, string Email, string? Name)>> CandidatesAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        (await db.Memberships.AsNoTracking()
            .Where(m => m.DeactivatedAt == null && m.ManagedBy == null && !db.WorkspaceMemberships.Any(w => w.WorkspaceId == workspaceId && w.UserId == m.UserId))
            .Select(m => new { m.UserId, m.User!.Email, m.User.DisplayName }).ToListAsync(cancellationToken))
        .Select(m => (m.UserId, m.Email ?? string.Empty, m.DisplayName))
        .OrderBy(m => m.Item2, StringComparer.OrdinalIgnoreCase)
        .ToList();

    public async Task<WorkspaceOutcome> AddAsync(Workspace workspace, Guid userId, WorkspaceRole role, CancellationToken cancellationToken)
    {
        if (!AssignableRoles.Contains(role)) return WorkspaceOutcome.Refuse("Choose one of the listed roles.");
        // The "Tenant" filter: people of other organizations are not found here.
        var person = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.DeactivatedAt == null)
            .Select(m => new { m.User!.Email, m.ManagedBy, m.FreeSeat }).FirstOrDefaultAsync(cancellationToken);
        if (person is null) return WorkspaceOutcome.Refuse("Choose someone of this organization. To add someone new, invite them to the organization first.");
        if (person.ManagedBy is not null) return WorkspaceOutcome.Refuse(ProtectedMessage(person.Email, person.FreeSeat));
        if (await db.WorkspaceMemberships.AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == userId, cancellationToken))
            return WorkspaceOutcome.Refuse($"{person.Email} is already in {workspace.Name}.");
        db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = userId, Role = role, CreatedAt = time.GetUtcNow().UtcDateTime });
        audit.Record("workspace.member_added", $"{person.Email} to {workspace.Name} as {RoleName(role).ToLowerInvariant()}");
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"{person.Email} is in {workspace.Name} now, as {RoleName(role).ToLowerInvariant()}.");
    }

    public async Task<WorkspaceOutcome> SetRoleAsync(Workspace workspace, Guid userId, WorkspaceRole role, CancellationToken cancellationToken)
    {
        if (!AssignableRoles.Contains(role)) return WorkspaceOutcome.Refuse("Choose one of the listed roles.");
        if (await ChangeableSeatAsync(workspace, userId, cancellationToken) is not { } seat)
            return WorkspaceOutcome.Refuse(await RefusalAsync(workspace, userId, cancellationToken));
        var email = seat.User!.Email;
        if (seat.Role == role) return WorkspaceOutcome.Done("Nothing changed.");
        audit.Record("workspace.role_changed", $"{email} in {workspace.Name}: {RoleName(seat.Role).ToLowerInvariant()} → {RoleName(role).ToLowerInvariant()}");
        seat.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"{email} is {RoleName(role).ToLowerInvariant()} of {workspace.Name} now.");
    }

    public async Task<WorkspaceOutcome> RemoveAsync(Workspace workspace, Guid userId, CancellationToken cancellationToken)
    {
        if (await ChangeableSeatAsync(workspace, userId, cancellationToken) is not { } seat)
            return WorkspaceOutcome.Refuse(await RefusalAsync(workspace, userId, cancellationToken));
        var email = seat.User!.Email;
        db.WorkspaceMemberships.Remove(seat);
        audit.Record("workspace.member_removed", $"{email} from {workspace.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return WorkspaceOutcome.Done($"{email} was removed from {workspace.Name}; they stay in the organization.");
    }

    /// <summary>The seat with its person, tracked, unless it is missing or protected.</summary>
    private async Task<WorkspaceMembership?> ChangeableSeatAsync(Workspace workspace, Guid userId, CancellationToken cancellationToken)
    {
        var seat = await db.WorkspaceMemberships.Include(m => m.User).FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.UserId == userId, cancellationToken);
        if (seat is null || seat.Role == WorkspaceRole.Consultant) return null;
        return await db.Memberships.AnyAsync(m => m.UserId == userId && m.ManagedBy != null, cancellationToken) ? null : seat;
    }

    private async Task<string> RefusalAsync(Workspace workspace, Guid userId, CancellationToken cancellationToken)
    {
        var seat = await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspace.Id && m.UserId == userId)
            .Select(m => new { m.User!.Email }).FirstOrDefaultAsync(cancellationToken);
        if (seat is null) return $"That person is not in {workspace.Name} any more.";
        var freeSeat = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.FreeSeat).FirstOrDefaultAsync(cancellationToken);
        return ProtectedMessage(seat.Email, freeSeat);
    }

    private static string ProtectedMessage(string? email, string? seatName) =>
        $"{email} holds a protected {seatName ?? "seat"}: it cannot be changed or removed here.";

    private async Task<string?> NameProblemAsync(string name, Guid? except, CancellationToken cancellationToken)
    {
        if (name.Length is 0 or > MaxNameLength) return $"Give the workspace a name of 1 to {MaxNameLength} characters.";
        // Archived workspaces keep their names: a restored one must not clash.
        var names = await db.Workspaces.Where(w => w.Id != except).Select(w => w.Name).ToListAsync(cancellationToken);
        return names.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"There is already a workspace named {name}. Choose another name." : null;
    }

    private Dictionary<Guid, WorkspaceRole>? _roles;

    private async Task<Dictionary<Guid, WorkspaceRole>> RolesAsync(CancellationToken cancellationToken)
    {
        if (_roles is not null) return _roles;
        var userId = member.UserId;
        // A reseller logged in as the organization acts as its owner, and holds no seats of its own.
        _roles = userId is null || member.IsImpersonating || await member.GetAsync(cancellationToken) is null
            ? []
            : await db.WorkspaceMemberships.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.WorkspaceId, m => m.Role, cancellationToken);
        return _roles;
    }
}
