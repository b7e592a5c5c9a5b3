using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>What a merge would move (R11), shown before anything changes; <c>Other</c> holds one line per thing another module's <see cref="IResellerMergeStep"/> moves (recipe workspaces).</summary>
public sealed record MergePreview(Guid FromId, string FromName, IReadOnlyList<string> Clients, IReadOnlyList<string> Employees, IReadOnlyList<string> AlreadyHere, IReadOnlyList<string> Other);

/// <summary>
/// Merges another reseller into the current one (R11): its client links and employees move, each
/// <see cref="IResellerMergeStep"/> moves its module's rows (recipes), then it becomes a regular organization. Only for a user who is partner admin here and owner or admin
/// there. One transaction; audited in both.
/// </summary>
public sealed class ResellerMerge(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    AuditLog audit,
    IPortalEvents events,
    IEnumerable<IResellerMergeStep> steps,
    TimeProvider time)
{
    /// <summary>Other resellers the user could merge into the current one.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> CandidatesAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var current = tenants.Current!.Id;
        var rows = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.UserId == userId && m.TenantId != current && m.Role >= OrganizationRole.Admin && m.DeactivatedAt == null)
            .Join(db.Organizations.Where(o => o.Kind == OrganizationKind.Partner), m => m.TenantId, o => o.Id, (m, o) => new { o.Id, o.Name })
            .OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The preview, or null when the user may not merge that organization into the current one.</summary>
    public async Task<MergePreview?> PreviewAsync(Guid fromId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!(await CandidatesAsync(userId, cancellationToken)).Any(c => c.Id == fromId)) return null;
        var from = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == fromId, cancellationToken);
        var current = tenants.Current!.Id;
        var clients = await db.PartnerClientLinks.AsNoTracking().Where(l => l.PartnerId == fromId && l.EndedAt == null)
            .Select(l => new { l.ClientId, l.Client!.Name }).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var here = await db.PartnerClientLinks.AsNoTracking().Where(l => l.PartnerId == current && l.EndedAt == null).Select(l => l.ClientId).ToListAsync(cancellationToken);
        var employees = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == fromId && m.DeactivatedAt == null).Select(m => m.User!.Email!).OrderBy(e => e).ToListAsync(cancellationToken);
        var extra = new List<string>();
        foreach (var step in steps) extra.AddRange(await step.PreviewAsync(fromId, cancellationToken));
        return new MergePreview(fromId, from.Name, clients.Select(c => c.Name).ToList(), employees,
            clients.Where(c => here.Contains(c.ClientId)).Select(c => c.Name).ToList(), extra);
    }

    /// <summary>Merges; returns null when done, else why not.</summary>
    public async Task<string?> MergeAsync(Guid fromId, Guid userId, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(fromId, userId, cancellationToken);
        if (preview is null) return "You can merge only a reseller where you are an owner or admin.";
        var into = tenants.Current!;
        var from = await store.FindByIdAsync(fromId, cancellationToken) ?? throw new InvalidOperationException("The reseller disappeared.");
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var here = await db.PartnerClientLinks.Where(l => l.PartnerId == into.Id && l.EndedAt == null).Select(l => l.ClientId).ToListAsync(cancellationToken);
        var moving = await db.PartnerClientLinks.Where(l => l.PartnerId == fromId && l.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var link in moving)
        {
            link.EndedAt = now;
            if (!here.Contains(link.ClientId)) db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = into.Id, ClientId = link.ClientId, CreatedAt = now });
        }

        var theirPeople = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == fromId && m.DeactivatedAt == null).ToListAsync(cancellationToken);
        var theirAssignments = await db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(a => a.TenantId == fromId).ToListAsync(cancellationToken);
        var ourPeople = await db.Memberships.Select(m => m.UserId).ToListAsync(cancellationToken);
        var ourAssignments = await db.PartnerClientAssignments.Select(a => new { a.UserId, a.ClientId }).ToListAsync(cancellationToken);
        var workspace = await db.Workspaces.Where(w => w.ArchivedAt == null).OrderBy(w => w.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        foreach (var person in theirPeople.Where(p => !ourPeople.Contains(p.UserId)))
        {
            // Their owners join as partner admins: the surviving reseller keeps its own owners.
            db.Memberships.Add(new Membership { UserId = person.UserId, Role = person.Role == OrganizationRole.Owner ? OrganizationRole.Admin : person.Role, SupportSpecialist = person.SupportSpecialist, CreatedAt = now });
            if (workspace is not null) db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = person.UserId, Role = person.Role >= OrganizationRole.Admin ? WorkspaceRole.Admin : WorkspaceRole.Member, CreatedAt = now });
        }

        foreach (var assignment in theirAssignments.Where(a => !ourAssignments.Any(o => o.UserId == a.UserId && o.ClientId == a.ClientId)))
        {
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { UserId = assignment.UserId, ClientId = assignment.ClientId, AssignedByUserId = userId, CreatedAt = now });
        }

        audit.Record("reseller.merged", $"merged {from.Name} into this reseller: {moving.Count} clients, {theirPeople.Count} employees");
        await db.SaveChangesAsync(cancellationToken);

        using (tenants.Change(from))
        {
            await db.PartnerClientAssignments.Where(a => a.TenantId == fromId).ExecuteDeleteAsync(cancellationToken);
            var org = await db.Organizations.SingleAsync(o => o.Id == fromId, cancellationToken);
            org.Kind = OrganizationKind.Client;
            audit.Record("reseller.merged", $"merged into {into.Name}; now a regular organization");
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var step in steps) await step.MoveAsync(fromId, into.Id, cancellationToken);
        foreach (var link in moving) await events.PublishAsync(new PortalEvent(link.ClientId, userId, KernelEvents.PartnerLinkChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(new PortalEvent(into.Id, userId, "resellers.merged", now), cancellationToken);
        return null;
    }
}
