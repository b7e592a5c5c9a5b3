using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Recipes;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Deployment;

/// <summary>A client's workspace a consultant may deploy into.</summary>
public sealed record DeployTarget(Guid OrganizationId, string OrganizationName, Guid WorkspaceId, string WorkspaceName);

/// <summary>
/// C7: a consultant builds in their partner's own workspace and deploys a copy into a client's
/// workspace where they hold a consultant (or workspace admin) seat. The seat is the relationship
/// that lets one organization's page write into another's workspace, so this service reads the
/// user's seats in other organizations past the tenant filter and checks every target against
/// them on the server: a workspace id of an organization where they hold no seat is no target.
/// The copy keeps its provenance and is built by the consultant, so C6 keeps it theirs; it is linked
/// to its recipe (S7), so the recipe's owner follows it and pushes its updates.
/// </summary>
public sealed class SolutionDeployment(
    PortalDbContext db,
    CurrentMember member,
    SolutionLibrary library,
    RecipeUpdates updates,
    ITenantContext tenants,
    ITenantStore store,
    IModuleSwitch switches,
    AuditLog audit,
    IPortalEvents events,
    TimeProvider time)
{
    public const string DeployedEvent = "solutions.deployed";

    /// <summary>The active workspaces of other organizations where the signed-in user holds an active consultant or workspace-admin seat.</summary>
    public async Task<IReadOnlyList<DeployTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        // A reseller logged in as a client acts as its owner there, not as a consultant seated elsewhere.
        if (member.UserId is not { } userId || db.CurrentTenantId is not { } current || member.IsImpersonating) return [];
        var seats = await db.WorkspaceMemberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.UserId == userId && m.TenantId != current && (m.Role == WorkspaceRole.Consultant || m.Role == WorkspaceRole.Admin) && m.Workspace!.ArchivedAt == null)
            .Select(m => new { m.TenantId, m.WorkspaceId, m.Workspace!.Name })
            .ToListAsync(cancellationToken);
        if (seats.Count == 0) return [];
        var organizationIds = seats.Select(s => s.TenantId).Distinct().ToList();
        var active = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.UserId == userId && m.DeactivatedAt == null && organizationIds.Contains(m.TenantId))
            .Select(m => m.TenantId).ToListAsync(cancellationToken);
        var names = await db.Organizations.AsNoTracking()
            .Where(o => active.Contains(o.Id) && o.Status == OrganizationStatus.Active)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var targets = new List<DeployTarget>();
        foreach (var seat in seats)
        {
            if (!names.TryGetValue(seat.TenantId, out var organization)) continue;
            if (!await switches.IsOnAsync(SolutionsModule.ModuleName, seat.TenantId, cancellationToken)) continue;
            targets.Add(new DeployTarget(seat.TenantId, organization, seat.WorkspaceId, seat.Name));
        }

        return targets.OrderBy(t => t.OrganizationName, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.WorkspaceName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The target with that workspace id, only if it is one of <see cref="TargetsAsync"/>.</summary>
    public async Task<DeployTarget?> TargetAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        (await TargetsAsync(cancellationToken)).FirstOrDefault(t => t.WorkspaceId == workspaceId);

    /// <summary>
    /// Copies the solution's published version (its draft before the first publish) into the target
    /// workspace, in one transaction: the copy (version 1, provenance: this organization, the
    /// solution, its version) is the client's row, built by the consultant; each side's audit log
    /// says what happened. Returns the copy's id.
    /// </summary>
    public async Task<Guid> DeployAsync(Solution source, DeployTarget target, CancellationToken cancellationToken)
    {
        var sender = tenants.Current ?? throw new InvalidOperationException("A deployment starts in an organization.");
        var recipient = await store.FindByIdAsync(target.OrganizationId, cancellationToken) ?? throw new InvalidOperationException("The client organization disappeared.");
        var package = await library.PackageAsync(source, sender.Name, cancellationToken);
        audit.Record("solution.deployed", $"{source.Name} v{package.Source?.Version} → {target.WorkspaceName} of {target.OrganizationName}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Guid copyId;
        using (tenants.Change(recipient))
        {
            var copy = library.AddPublished(target.WorkspaceId, package);
            // S7: linked to its recipe like a share's copy, so the recipe's updates reach it; a protected recipe's copy is protected.
            copy.LinkTo(sender.Id, source.Id, source.ProtectsCopies ? sender.Name : null);
            copyId = copy.Id;
            audit.Record("solution.deployed_in", $"{package.Name} into {target.WorkspaceName}, from {sender.Name} ({package.Source?.Recipe} v{package.Source?.Version})");
            await db.SaveChangesAsync(cancellationToken);
            await updates.FollowAsync(copy, sender, source.Id, source.CurrentVersion, $"{recipient.Name} · {target.WorkspaceName}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(new PortalEvent(recipient.Id, member.UserId, DeployedEvent, time.GetUtcNow().UtcDateTime), cancellationToken);
        return copyId;
    }

    /// <summary>Where the copy opens: on the client's own host.</summary>
    public ValueTask<TenantInfo?> OrganizationAsync(Guid organizationId, CancellationToken cancellationToken) => store.FindByIdAsync(organizationId, cancellationToken);
}
