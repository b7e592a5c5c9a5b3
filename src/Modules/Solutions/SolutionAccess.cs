using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Solutions;

/// <summary>What a person may do with a solution (C11), highest last.</summary>
public enum SolutionRight
{
    None = 0,

    /// <summary>Executive viewer: sees every solution of the workspace, changes nothing.</summary>
    Read = 1,

    /// <summary>Member assigned to the solution: works with its records.</summary>
    Work = 2,

    /// <summary>Organization admin or workspace admin: builds, publishes, shares.</summary>
    Build = 3,
}

/// <summary>
/// Decides a signed-in member's right on solutions and workspaces of the current organization.
/// Page models ask it before anything else; the tenant filter already keeps other organizations out.
/// </summary>
public sealed class SolutionAccess(PortalDbContext db, CurrentMember member)
{
    /// <summary>
    /// Whether a right opens the builder and the solution's management (publish, members, copies,
    /// sharing): for builders only. Anyone who sees a solution works with, or reads, its records.
    /// </summary>
    public static bool MayBuild(SolutionRight right) => right >= SolutionRight.Build;

    private Dictionary<Guid, WorkspaceRole>? _workspaceRoles;
    private HashSet<Guid>? _assigned;

    public async Task<bool> IsOrganizationAdminAsync(CancellationToken cancellationToken) =>
        await member.HasRoleAsync(OrganizationRole.Admin, cancellationToken);

    public async Task<SolutionRight> WorkspaceRightAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        // An admin's right covers this organization's workspaces only: another organization's id is no workspace here.
        if (await IsOrganizationAdminAsync(cancellationToken)) return await db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken) ? SolutionRight.Build : SolutionRight.None;
        var roles = await WorkspaceRolesAsync(cancellationToken);
        return roles.TryGetValue(workspaceId, out var role)
            ? role switch { WorkspaceRole.Admin => SolutionRight.Build, WorkspaceRole.ExecutiveViewer => SolutionRight.Read, _ => SolutionRight.None }
            : SolutionRight.None;
    }

    public async Task<SolutionRight> RightAsync(Solution solution, CancellationToken cancellationToken)
    {
        var right = await WorkspaceRightAsync(solution.WorkspaceId, cancellationToken);
        if (right != SolutionRight.None) return right;
        var roles = await WorkspaceRolesAsync(cancellationToken);
        if (!roles.ContainsKey(solution.WorkspaceId)) return SolutionRight.None;
        _assigned ??= member.UserId is { } userId
            ? (await db.Set<SolutionAssignment>().Where(a => a.UserId == userId).Select(a => a.SolutionId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        return _assigned.Contains(solution.Id) ? SolutionRight.Work : SolutionRight.None;
    }

    /// <summary>The solution and the member's right on it; null when it does not exist here or the member may not see it.</summary>
    public async Task<(Solution Solution, SolutionRight Right)?> FindAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == solutionId, cancellationToken);
        if (solution is null) return null;
        var right = await RightAsync(solution, cancellationToken);
        return right == SolutionRight.None ? null : (solution, right);
    }

    /// <summary>Workspaces the member sees, with their right there (Work means "only assigned solutions").</summary>
    public async Task<IReadOnlyList<(Workspace Workspace, SolutionRight Right)>> WorkspacesAsync(CancellationToken cancellationToken)
    {
        var all = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        var result = new List<(Workspace, SolutionRight)>();
        var roles = await WorkspaceRolesAsync(cancellationToken);
        foreach (var workspace in all)
        {
            var right = await WorkspaceRightAsync(workspace.Id, cancellationToken);
            if (right == SolutionRight.None && roles.ContainsKey(workspace.Id)) right = SolutionRight.Work;
            if (right != SolutionRight.None) result.Add((workspace, right));
        }

        return result;
    }

    /// <summary>Every solution the member may open, by workspace (the solutions list and the organization's home show these).</summary>
    public async Task<IReadOnlyList<(Workspace Workspace, SolutionRight Right, IReadOnlyList<Solution> Solutions)>> SolutionsByWorkspaceAsync(CancellationToken cancellationToken)
    {
        var workspaces = await WorkspacesAsync(cancellationToken);
        var ids = workspaces.Select(w => w.Workspace.Id).ToList();
        var solutions = await db.Set<Solution>().AsNoTracking().Where(s => ids.Contains(s.WorkspaceId)).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var result = new List<(Workspace, SolutionRight, IReadOnlyList<Solution>)>();
        foreach (var (workspace, right) in workspaces)
        {
            var visible = new List<Solution>();
            foreach (var solution in solutions.Where(s => s.WorkspaceId == workspace.Id))
            {
                if (await RightAsync(solution, cancellationToken) != SolutionRight.None) visible.Add(solution);
            }

            result.Add((workspace, right, visible));
        }

        return result;
    }

    private async Task<Dictionary<Guid, WorkspaceRole>> WorkspaceRolesAsync(CancellationToken cancellationToken)
    {
        if (_workspaceRoles is not null) return _workspaceRoles;
        var userId = member.UserId;
        _workspaceRoles = userId is null
            ? []
            : await db.WorkspaceMemberships.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.WorkspaceId, m => m.Role, cancellationToken);
        return _workspaceRoles;
    }
}
