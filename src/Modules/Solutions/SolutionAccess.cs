using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Suspension;

namespace PartnerPortal.Solutions;

/// <summary>What a person may do with a solution (C11), highest last.</summary>
public enum SolutionRight
{
    None = 0,

    /// <summary>Executive viewer: sees every solution of the workspace, changes nothing.</summary>
    Read = 1,

    /// <summary>Member assigned to the solution: works with its records.</summary>
    Work = 2,

    /// <summary>Organization admin, workspace admin, or the consultant who built it or was given it: builds, publishes, shares.</summary>
    Build = 3,
}

/// <summary>What a protected copy (S7) refuses.</summary>
public enum ProtectedAction
{
    Export,
    Duplicate,
    Send,
    Deploy,
    Protect,
    List,
}

/// <summary>A workspace the member sees, with their right on all of it and whether they may start solutions there.</summary>
/// <param name="Right">Build or Read over every solution of the workspace; Work means "only some of them" (assigned, or built by a consultant).</param>
/// <param name="MayCreate">Builders of the whole workspace, and consultants (who then build what they created, C6).</param>
public sealed record VisibleWorkspace(Workspace Workspace, SolutionRight Right, bool MayCreate);

/// <summary>
/// Decides a signed-in member's right on solutions and workspaces of the current organization.
/// Page models ask it before anything else; the tenant filter already keeps other organizations out,
/// and archived workspaces (with everything in them) are no one's until they are restored.
/// </summary>
/// <remarks>
/// C6: a consultant (workspace role <see cref="WorkspaceRole.Consultant"/>) sees and builds only
/// the solutions they built or were assigned in that workspace, and may start solutions there.
/// C8: what they built stays theirs to build anywhere in the organization (a solution moved to a
/// workspace where they have no seat) while they hold a consultant seat here.
/// </remarks>
public sealed class SolutionAccess(PortalDbContext db, CurrentMember member)
{
    /// <summary>What a protected copy (S7) is, shown on its management page.</summary>
    public static string ProtectedMessage(string name, string protectedBy) =>
        $"{name} is protected by {protectedBy}: you can use it, but not export it, send it on or duplicate it.";

    /// <summary>Why a protected copy (S7) refused an action, in plain words, for the page that refuses it (403).</summary>
    public static string ProtectedRefusal(string protectedBy, ProtectedAction action) =>
        $"This solution is protected by its publisher, {protectedBy}, so it cannot be {action switch
        {
            ProtectedAction.Export => "exported as a package",
            ProtectedAction.Duplicate => "duplicated",
            ProtectedAction.Send => "sent on to another organization",
            ProtectedAction.Deploy => "deployed to a client's workspace",
            ProtectedAction.Protect => $"protected or unprotected here (only {protectedBy} decides that)",
            _ => "listed in the Solution Center",
        }}. Nothing was changed: you can still use it and its records, and updates from {protectedBy} still arrive.";

    /// <summary>
    /// Whether a right opens the builder and the solution's management (publish, members, copies,
    /// sharing): for builders only. Anyone who sees a solution works with, or reads, its records.
    /// </summary>
    public static bool MayBuild(SolutionRight right) => right >= SolutionRight.Build;

    private Dictionary<Guid, WorkspaceRole>? _workspaceRoles;
    private HashSet<Guid>? _activeWorkspaces;
    private Dictionary<Guid, string?>? _assigned;
    private bool? _holdsSeat;

    public async Task<bool> IsOrganizationAdminAsync(CancellationToken cancellationToken) =>
        await member.HasRoleAsync(OrganizationRole.Admin, cancellationToken);

    /// <summary>The member's right on every solution of the workspace (None for a consultant, whose right is per solution).</summary>
    public async Task<SolutionRight> WorkspaceRightAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        // An admin's right covers this organization's active workspaces only: another organization's id is no workspace here.
        if (await IsOrganizationAdminAsync(cancellationToken)) return (await ActiveWorkspacesAsync(cancellationToken)).Contains(workspaceId) ? SolutionRight.Build : SolutionRight.None;
        var roles = await WorkspaceRolesAsync(cancellationToken);
        return roles.TryGetValue(workspaceId, out var role)
            ? role switch { WorkspaceRole.Admin => SolutionRight.Build, WorkspaceRole.ExecutiveViewer => SolutionRight.Read, _ => SolutionRight.None }
            : SolutionRight.None;
    }

    /// <summary>Whether the member may start (create, import, duplicate or move) a solution in the workspace.</summary>
    public async Task<bool> MayCreateInAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await WorkspaceRightAsync(workspaceId, cancellationToken) >= SolutionRight.Build
        || (await WorkspaceRolesAsync(cancellationToken)).GetValueOrDefault(workspaceId, WorkspaceRole.Member) == WorkspaceRole.Consultant;

    public async Task<SolutionRight> RightAsync(Solution solution, CancellationToken cancellationToken)
    {
        var right = await WorkspaceRightAsync(solution.WorkspaceId, cancellationToken);
        if (right == SolutionRight.Build) return right;
        if (!(await ActiveWorkspacesAsync(cancellationToken)).Contains(solution.WorkspaceId)) return SolutionRight.None;
        var roles = await WorkspaceRolesAsync(cancellationToken);
        var seated = roles.TryGetValue(solution.WorkspaceId, out var role);
        // Whoever built a solution builds it while they are in its workspace, and a consultant anywhere here while their seat lasts (C8).
        if (solution.CreatedByUserId == member.UserId && (seated || await HoldsConsultantSeatAsync(cancellationToken))) return SolutionRight.Build;
        if (right != SolutionRight.None || !seated) return right;
        if (!(await AssignedAsync(cancellationToken)).ContainsKey(solution.Id)) return SolutionRight.None;
        return role == WorkspaceRole.Consultant ? SolutionRight.Build : SolutionRight.Work;
    }

    /// <summary>
    /// C12 model 1: the client tag the member's records of this solution are limited to, or null for
    /// every record. Only a right that comes from an assignment "Only records tagged …" is limited:
    /// organization and workspace admins, executive viewers and whoever built the solution see all.
    /// Someone with no right on the solution gets <see cref="Records.RecordScope.NoRecords"/>.
    /// </summary>
    public async Task<string?> ClientTagAsync(Solution solution, CancellationToken cancellationToken)
    {
        var right = await RightAsync(solution, cancellationToken);
        if (right == SolutionRight.None) return Records.RecordScope.NoRecords;
        if (await WorkspaceRightAsync(solution.WorkspaceId, cancellationToken) != SolutionRight.None || solution.CreatedByUserId == member.UserId) return null;
        return (await AssignedAsync(cancellationToken)).GetValueOrDefault(solution.Id);
    }

    /// <summary>The member's assignments: solution → client tag (null for "All records").</summary>
    private async Task<Dictionary<Guid, string?>> AssignedAsync(CancellationToken cancellationToken) =>
        _assigned ??= member.UserId is { } userId
            ? await db.Set<SolutionAssignment>().AsNoTracking().Where(a => a.UserId == userId).ToDictionaryAsync(a => a.SolutionId, a => a.ClientTag, cancellationToken)
            : [];

    /// <summary>The solution and the member's right on it; null when it does not exist here or the member may not see it.</summary>
    public async Task<(Solution Solution, SolutionRight Right)?> FindAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == solutionId && s.DeletedAt == null, cancellationToken);
        if (solution is null) return null;
        var right = await RightAsync(solution, cancellationToken);
        return right == SolutionRight.None ? null : (solution, right);
    }

    /// <summary>Active workspaces the member holds a seat in (every active one for an organization admin).</summary>
    public async Task<IReadOnlyList<VisibleWorkspace>> WorkspacesAsync(CancellationToken cancellationToken)
    {
        var all = await db.Workspaces.AsNoTracking().Where(w => w.ArchivedAt == null).OrderBy(w => w.Name).ToListAsync(cancellationToken);
        _activeWorkspaces ??= all.Select(w => w.Id).ToHashSet();
        var result = new List<VisibleWorkspace>();
        var roles = await WorkspaceRolesAsync(cancellationToken);
        foreach (var workspace in all)
        {
            var right = await WorkspaceRightAsync(workspace.Id, cancellationToken);
            if (right == SolutionRight.None && roles.ContainsKey(workspace.Id)) right = SolutionRight.Work;
            if (right != SolutionRight.None) result.Add(new VisibleWorkspace(workspace, right, await MayCreateInAsync(workspace.Id, cancellationToken)));
        }

        return result;
    }

    /// <summary>
    /// Every solution the member may open, by workspace (the solutions list and the organization's
    /// home show these): the workspaces they are in, and any other holding a solution they may open.
    /// </summary>
    public async Task<IReadOnlyList<(Workspace Workspace, SolutionRight Right, bool MayCreate, IReadOnlyList<Solution> Solutions)>> SolutionsByWorkspaceAsync(CancellationToken cancellationToken)
    {
        var workspaces = (await WorkspacesAsync(cancellationToken)).ToList();
        var ids = workspaces.Select(w => w.Workspace.Id).ToList();
        var userId = member.UserId;
        // A consultant's own solutions may sit in workspaces without their seat (C8).
        var ownElsewhere = await HoldsConsultantSeatAsync(cancellationToken);
        var solutions = await db.Set<Solution>().AsNoTracking()
            .Where(s => s.DeletedAt == null && (ids.Contains(s.WorkspaceId) || (ownElsewhere && s.CreatedByUserId == userId)))
            .OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var elsewhere = solutions.Select(s => s.WorkspaceId).Where(id => !ids.Contains(id)).Distinct().ToList();
        if (elsewhere.Count > 0)
        {
            var more = await db.Workspaces.AsNoTracking().Where(w => elsewhere.Contains(w.Id) && w.ArchivedAt == null).ToListAsync(cancellationToken);
            workspaces.AddRange(more.Select(w => new VisibleWorkspace(w, SolutionRight.Work, false)));
            workspaces = workspaces.OrderBy(w => w.Workspace.Name, StringComparer.Ordinal).ToList();
        }

        var result = new List<(Workspace, SolutionRight, bool, IReadOnlyList<Solution>)>();
        foreach (var (workspace, right, mayCreate) in workspaces)
        {
            var visible = new List<Solution>();
            foreach (var solution in solutions.Where(s => s.WorkspaceId == workspace.Id))
            {
                if (await RightAsync(solution, cancellationToken) != SolutionRight.None) visible.Add(solution);
            }

            if (visible.Count > 0 || ids.Contains(workspace.Id)) result.Add((workspace, right, mayCreate, visible));
        }

        return result;
    }

    /// <summary>
    /// Whether the signed-in member holds a consultant seat in this organization: an active
    /// membership that a module manages (a seat that is also a workspace admin, C6) or a consultant's
    /// role in an active workspace.
    /// </summary>
    public async Task<bool> HoldsConsultantSeatAsync(CancellationToken cancellationToken)
    {
        // From what this request has read already (the membership, the seats): no query of its own.
        _holdsSeat ??= !member.IsImpersonating && await member.GetAsync(cancellationToken) is { } membership
            && (membership.ManagedBy is not null || (await WorkspaceRolesAsync(cancellationToken)).ContainsValue(WorkspaceRole.Consultant));
        return _holdsSeat.Value;
    }

    /// <summary>Whether <paramref name="userId"/> holds a consultant seat in this organization (see <see cref="HoldsConsultantSeatAsync(CancellationToken)"/>).</summary>
    public Task<bool> HoldsConsultantSeatAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Memberships.AnyAsync(m => m.UserId == userId && m.DeactivatedAt == null
            && (m.ManagedBy != null || db.WorkspaceMemberships.Any(w => w.UserId == userId && w.Role == WorkspaceRole.Consultant && w.Workspace!.ArchivedAt == null)), cancellationToken);

    /// <summary>The notice of a suspended solution (C9); null while it runs normally.</summary>
    public async Task<SuspensionNotice?> NoticeAsync(Solution solution, CancellationToken cancellationToken)
    {
        if (solution.Suspension is not { } mode) return null;
        var consultant = await db.Users.AsNoTracking().Where(u => u.Id == solution.SuspendedByUserId)
            .Select(u => new { u.DisplayName, u.Email, u.PhoneNumber }).FirstOrDefaultAsync(cancellationToken);
        var email = consultant?.Email ?? string.Empty;
        return new SuspensionNotice(mode, solution.SuspensionReason ?? string.Empty, solution.SuspendedAt ?? default,
            consultant?.DisplayName is { Length: > 0 } name ? name : email, email, consultant?.PhoneNumber,
            ForTheConsultant: solution.SuspendedByUserId is { } by && by == member.UserId && !member.IsImpersonating);
    }

    /// <summary>Only the consultant who built it, while they hold a consultant seat here.</summary>
    public async Task<bool> MaySuspendAsync(Solution solution, CancellationToken cancellationToken) =>
        solution.CreatedByUserId == member.UserId && await HoldsConsultantSeatAsync(cancellationToken);

    /// <summary>The consultant who suspended it while their seat lasts; once it has ended, the organization's admins.</summary>
    public async Task<bool> MayReactivateAsync(Solution solution, CancellationToken cancellationToken)
    {
        if (solution.Suspension is null || solution.SuspendedByUserId is not { } by) return false;
        if (by == member.UserId) return await HoldsConsultantSeatAsync(cancellationToken);
        return await IsOrganizationAdminAsync(cancellationToken) && !await HoldsConsultantSeatAsync(by, cancellationToken);
    }

    private async Task<HashSet<Guid>> ActiveWorkspacesAsync(CancellationToken cancellationToken) =>
        _activeWorkspaces ??= (await db.Workspaces.Where(w => w.ArchivedAt == null).Select(w => w.Id).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The member's seats in active workspaces.</summary>
    private async Task<Dictionary<Guid, WorkspaceRole>> WorkspaceRolesAsync(CancellationToken cancellationToken)
    {
        if (_workspaceRoles is not null) return _workspaceRoles;
        var userId = member.UserId;
        _workspaceRoles = userId is null
            ? []
            : await db.WorkspaceMemberships.AsNoTracking().Where(m => m.UserId == userId && m.Workspace!.ArchivedAt == null).ToDictionaryAsync(m => m.WorkspaceId, m => m.Role, cancellationToken);
        return _workspaceRoles;
    }
}
