using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions;

/// <summary>What a workspace move would take along and leave behind, shown before the admin confirms (C12).</summary>
public sealed record WorkspaceMovePreview(
    Workspace Workspace,
    Organization Target,
    IReadOnlyList<string> Solutions,
    long Records,
    IReadOnlyList<(string Email, WorkspaceRole Role)> MembersMoving,
    IReadOnlyList<string> MembersStaying,
    int AssignmentsDropped,
    bool IsRecipeLibrary,
    string? Problem);

/// <summary>
/// Moves a whole workspace (its solutions, versions, records, index rows, pending automation runs,
/// Solution Center listings and the seats of people who also belong to the target) to another organization, in one
/// transaction. Only for someone who is an admin of both organizations; the one place that writes
/// across two tenants, so every statement names the source tenant and the workspace explicitly.
/// </summary>
public sealed class WorkspaceTransfer(PortalDbContext db, CurrentMember member, ITenantContext tenants, ITenantStore store, AuditLog audit, IPortalEvents events, TimeProvider time)
{
    public const string MovedEvent = "solutions.workspace_moved";

    /// <summary>Organizations other than the current one where the signed-in user is an active admin or owner.</summary>
    public async Task<IReadOnlyList<Organization>> TargetsAsync(CancellationToken cancellationToken)
    {
        if (member.UserId is not { } userId || db.CurrentTenantId is not { } current) return [];
        var ids = await db.Memberships.IgnoreQueryFilters(["Tenant"])
            .Where(m => m.UserId == userId && m.Role >= OrganizationRole.Admin && m.DeactivatedAt == null && m.TenantId != current)
            .Select(m => m.TenantId).ToListAsync(cancellationToken);
        return await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Null when the workspace is not here, the user is not an admin here, or the target is not one of <see cref="TargetsAsync"/>.</summary>
    public async Task<WorkspaceMovePreview?> PreviewAsync(Guid workspaceId, Guid targetId, CancellationToken cancellationToken)
    {
        if (!await member.HasRoleAsync(OrganizationRole.Admin, cancellationToken)) return null;
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        var target = (await TargetsAsync(cancellationToken)).FirstOrDefault(o => o.Id == targetId);
        if (workspace is null || target is null) return null;

        var solutionIds = await db.Set<Solution>().Where(s => s.WorkspaceId == workspaceId).Select(s => s.Id).ToListAsync(cancellationToken);
        var solutions = await db.Set<Solution>().Where(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
        var records = await db.Set<SolutionRecord>().LongCountAsync(r => solutionIds.Contains(r.SolutionId), cancellationToken);
        var seats = await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new { m.UserId, m.Role, m.User!.Email }).ToListAsync(cancellationToken);
        var inTarget = await TargetMembersAsync(target.Id, seats.Select(s => s.UserId).ToList(), cancellationToken);
        var staying = seats.Where(s => !inTarget.Contains(s.UserId)).Select(s => s.UserId).ToList();
        var dropped = await db.Set<SolutionAssignment>().CountAsync(a => solutionIds.Contains(a.SolutionId) && staying.Contains(a.UserId), cancellationToken);
        var clash = await db.Workspaces.IgnoreQueryFilters(["Tenant"]).AnyAsync(w => w.TenantId == target.Id && w.Name == workspace.Name, cancellationToken);
        return new WorkspaceMovePreview(
            workspace,
            target,
            solutions,
            records,
            seats.Where(s => inTarget.Contains(s.UserId)).Select(s => (s.Email ?? string.Empty, s.Role)).OrderBy(s => s.Item1).ToList(),
            seats.Where(s => !inTarget.Contains(s.UserId)).Select(s => s.Email ?? string.Empty).Order().ToList(),
            dropped,
            await db.Set<RecipeLibrary>().AnyAsync(r => r.WorkspaceId == workspaceId, cancellationToken),
            clash ? $"{target.Name} already has a workspace named \"{workspace.Name}\". Rename this one first." : null);
    }

    /// <summary>Moves everything the preview promised, or nothing.</summary>
    public async Task<bool> MoveAsync(WorkspaceMovePreview preview, CancellationToken cancellationToken)
    {
        if (preview.Problem is not null || db.CurrentTenantId is null) return false;
        var targetTenant = await store.FindByIdAsync(preview.Target.Id, cancellationToken);
        if (targetTenant is null) return false;
        await MoveWorkspaceAsync(preview.Workspace.Id, targetTenant, keepRecipeMark: false, cancellationToken);
        await events.PublishAsync(new PortalEvent(targetTenant.Id, member.UserId, MovedEvent, time.GetUtcNow().UtcDateTime), cancellationToken);
        return true;
    }

    /// <summary>
    /// The move itself, from the current (source) tenant to <paramref name="target"/>, without the
    /// signed-in user's checks: callers check rights first (the page through <see cref="PreviewAsync"/>,
    /// a reseller merge before its steps). Joins the caller's transaction when there is one.
    /// A normal move drops the Recipes mark; a merge keeps it (<paramref name="keepRecipeMark"/>).
    /// </summary>
    internal async Task MoveWorkspaceAsync(Guid workspaceId, TenantInfo target, bool keepRecipeMark, CancellationToken cancellationToken)
    {
        var source = db.CurrentTenantId ?? throw new InvalidOperationException("A workspace moves out of the current tenant.");
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var name = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
        var solutionIds = await db.Set<Solution>().Where(s => s.WorkspaceId == workspaceId).Select(s => s.Id).ToListAsync(cancellationToken);
        var seats = await db.WorkspaceMemberships.Where(m => m.WorkspaceId == workspaceId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var moving = await TargetMembersAsync(target.Id, seats, cancellationToken);
        var records = await db.Set<SolutionRecord>().LongCountAsync(r => solutionIds.Contains(r.SolutionId), cancellationToken);
        await db.Set<SolutionAssignment>().Where(a => solutionIds.Contains(a.SolutionId) && !moving.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.WorkspaceMemberships.Where(m => m.WorkspaceId == workspaceId && !moving.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        var recipeMark = db.Set<RecipeLibrary>().Where(r => r.WorkspaceId == workspaceId);
        if (keepRecipeMark) await Retag(recipeMark, target.Id, cancellationToken);
        else await recipeMark.ExecuteDeleteAsync(cancellationToken);

        await Retag(db.Workspaces.Where(w => w.Id == workspaceId), target.Id, cancellationToken);
        await Retag(db.WorkspaceMemberships.Where(m => m.WorkspaceId == workspaceId), target.Id, cancellationToken);
        await Retag(db.Set<Solution>().Where(s => s.WorkspaceId == workspaceId), target.Id, cancellationToken);
        await Retag(db.Set<SolutionVersion>().Where(v => solutionIds.Contains(v.SolutionId)), target.Id, cancellationToken);
        await Retag(db.Set<SolutionAssignment>().Where(a => solutionIds.Contains(a.SolutionId)), target.Id, cancellationToken);
        await Retag(db.Set<SolutionRecord>().Where(r => solutionIds.Contains(r.SolutionId)), target.Id, cancellationToken);
        await Retag(db.Set<RecordValue>().Where(v => solutionIds.Contains(v.SolutionId)), target.Id, cancellationToken);
        await Retag(db.Set<RecordToken>().Where(t => solutionIds.Contains(t.SolutionId)), target.Id, cancellationToken);
        await Retag(db.Set<RuleRun>().Where(r => solutionIds.Contains(r.SolutionId)), target.Id, cancellationToken);
        // A solution's Solution Center listing goes with it: the Center names and credits the solution's owner as publisher.
        await Retag(db.Set<Center.SolutionListing>().Where(l => solutionIds.Contains(l.SolutionId)), target.Id, cancellationToken);
        // S7: a recipe's copy rows and a copy's waiting updates go with their solution, and the copies' links follow (below).
        var copyRows = await db.Set<RecipeCopy>().Where(c => solutionIds.Contains(c.RecipeSolutionId)).Select(c => c.Id).ToListAsync(cancellationToken);
        await Retag(db.Set<RecipeCopy>().Where(c => solutionIds.Contains(c.RecipeSolutionId)), target.Id, cancellationToken);
        await RelinkCopiesAsync(source, solutionIds, copyRows, target, name, cancellationToken);
        await Retag(db.Set<SolutionUpdate>().Where(u => solutionIds.Contains(u.SolutionId)), target.Id, cancellationToken);
        await db.Set<RecordCounter>().ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - records), cancellationToken);

        var sourceName = await db.Organizations.AsNoTracking().Where(o => o.Id == source).Select(o => o.Name).FirstAsync(cancellationToken);
        var summary = $"{name}: {solutionIds.Count} solutions, {records} records, {moving.Count} of {seats.Count} members";
        audit.Record("workspace.moved_out", $"{summary} → {target.Name}");
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(target))
        {
            var counted = await db.Set<RecordCounter>().ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + records), cancellationToken);
            if (counted == 0) db.Add(new RecordCounter { Count = records });
            audit.Record("workspace.moved_in", $"{summary} ← {sourceName}");
            await db.SaveChangesAsync(cancellationToken);
        }

        if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// S7: copies name and link their recipe's new owner (their source, their protection, the updates and
    /// shares on their way), and the owners of recipes copied into the moving workspace see the new
    /// organization as the copy's. Copies live in any organization, so these statements pass the tenant
    /// filter by name; each matches only rows that carry the source organization and ids the server
    /// stored when the copy was made (a recipe of the workspace, a copy row of it, a copy in it).
    /// </summary>
    private async Task RelinkCopiesAsync(Guid source, List<Guid> solutionIds, List<Guid> copyRows, TenantInfo target, string workspace, CancellationToken cancellationToken)
    {
        await db.Set<Solution>().IgnoreQueryFilters(["Tenant"])
            .Where(s => s.SourceOrganizationId == source && s.SourceSolutionId != null && solutionIds.Contains(s.SourceSolutionId.Value))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.SourceOrganizationId, target.Id)
                .SetProperty(c => c.SourceOrganization, target.Name)
                // Protection is given by another organization: none for a copy that now shares its recipe's organization.
                .SetProperty(c => c.ProtectedBy, c => c.ProtectedBy == null || c.TenantId == target.Id ? null : target.Name), cancellationToken);
        await db.Set<SolutionUpdate>().IgnoreQueryFilters(["Tenant"])
            .Where(u => u.FromOrganizationId == source && copyRows.Contains(u.RecipeCopyId))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FromOrganizationId, target.Id).SetProperty(u => u.FromOrganizationName, target.Name), cancellationToken);
        await db.Set<SolutionShare>().IgnoreQueryFilters(["Tenant"])
            .Where(x => x.FromOrganizationId == source && x.RecipeCopyId != null && copyRows.Contains(x.RecipeCopyId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FromOrganizationId, target.Id).SetProperty(x => x.FromOrganizationName, target.Name), cancellationToken);
        await db.Set<RecipeCopy>().IgnoreQueryFilters(["Tenant"])
            .Where(c => c.RecipientOrganizationId == source && c.CopySolutionId != null && solutionIds.Contains(c.CopySolutionId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RecipientOrganizationId, target.Id).SetProperty(c => c.RecipientName, $"{target.Name} · {workspace}"), cancellationToken);
    }

    /// <summary>Rows of the workspace still in the current (source) tenant get the target's id; the filter keeps every other tenant out.</summary>
    private static Task<int> Retag<T>(IQueryable<T> rows, Guid target, CancellationToken cancellationToken) where T : class, ITenantOwned =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(r => r.TenantId, target), cancellationToken);

    private async Task<HashSet<Guid>> TargetMembersAsync(Guid target, List<Guid> userIds, CancellationToken cancellationToken) =>
        (await db.Memberships.IgnoreQueryFilters(["Tenant"])
            .Where(m => m.TenantId == target && m.DeactivatedAt == null && userIds.Contains(m.UserId))
            .Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
}
