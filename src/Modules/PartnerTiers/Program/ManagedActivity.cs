using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// Builds and ends managed relationships from kernel events (P3, P4), never from other modules'
/// tables. A qualifying activity in a client account credits the partners of the acting person —
/// partner organizations they are an active member of, provided they can reach the account (their
/// partner is linked to it and they are a partner admin or assigned to it, or they hold a seat in
/// it) — or the partner the event names. Losing access (<c>resellers.access-revoked</c>, a link that
/// ended) ends the relationships of partners with no one left in the account, at once.
/// </summary>
public sealed class ManagedActivity(PortalDbContext db, ITenantContext tenants, ITenantStore store, ProgramSettingsStore program) : IPortalEventHandler
{
    public const string AccessRevokedEvent = "resellers.access-revoked";

    public async Task HandleAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        if (e.Kind is AccessRevokedEvent or KernelEvents.PartnerLinkChanged)
        {
            await EndWithoutAccessAsync(e.OrganizationId, e.At, cancellationToken);
            await ReopenRestoredAsync(e.OrganizationId, cancellationToken);
            return;
        }

        // Kernel facts changing is nobody's activity; skip them before reading the program.
        if (e.Kind.StartsWith("accounts.", StringComparison.Ordinal) || e.Kind.StartsWith("billing.", StringComparison.Ordinal) || e.OrganizationId == KernelEvents.Platform) return;
        var settings = await program.GetAsync(cancellationToken);
        if (!settings.IsQualifying(e.Kind)) return;
        var account = await db.Organizations.AsNoTracking().Where(o => o.Id == e.OrganizationId && o.Kind == OrganizationKind.Client).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (account is null) return;

        foreach (var partnerId in await CreditedPartnersAsync(e, cancellationToken))
            await RecordAsync(partnerId, e, cancellationToken);
    }

    /// <summary>The partners a qualifying activity in a client account counts for.</summary>
    public async Task<IReadOnlyList<Guid>> CreditedPartnersAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        if (e.PartnerId is { } credited)
            return await db.Organizations.AsNoTracking().AnyAsync(o => o.Id == credited && o.Kind == OrganizationKind.Partner, cancellationToken) ? [credited] : [];
        if (e.UserId is not { } userId) return [];

        // Cross-tenant on purpose: the acting person's memberships in partner organizations and in the account.
        var memberships = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.UserId == userId && m.DeactivatedAt == null)
            .Select(m => new { m.TenantId, m.Role })
            .ToListAsync(cancellationToken);
        var seatedInAccount = memberships.Any(m => m.TenantId == e.OrganizationId);
        var ids = memberships.Select(m => m.TenantId).ToList();
        var partners = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.Kind == OrganizationKind.Partner).Select(o => o.Id).ToListAsync(cancellationToken);
        if (partners.Count == 0) return [];
        var linked = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == e.OrganizationId && l.EndedAt == null && partners.Contains(l.PartnerId)).Select(l => l.PartnerId).ToListAsync(cancellationToken);
        var assigned = await db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(a => a.UserId == userId && a.ClientId == e.OrganizationId && partners.Contains(a.TenantId)).Select(a => a.TenantId).ToListAsync(cancellationToken);

        return [.. partners.Where(p => seatedInAccount
            || (linked.Contains(p) && (memberships.Any(m => m.TenantId == p && m.Role >= OrganizationRole.Admin) || assigned.Contains(p))))];
    }

    private async Task RecordAsync(Guid partnerId, PortalEvent e, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(partnerId, cancellationToken) is not { } partner) return;
        using var _ = tenants.Change(partner);
        var relationship = await db.Set<ManagedRelationship>().FirstOrDefaultAsync(r => r.AccountId == e.OrganizationId && r.EndedAt == null, cancellationToken);
        if (relationship is null)
        {
            db.Add(relationship = new ManagedRelationship { AccountId = e.OrganizationId, StartedAt = e.At, LastActivityAt = e.At, LastActivityKind = e.Kind, LastActivityUserId = e.UserId });
        }
        else if (e.At >= relationship.LastActivityAt)
        {
            relationship.LastActivityAt = e.At;
            relationship.LastActivityKind = e.Kind;
            relationship.LastActivityUserId = e.UserId;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The caller's unit of work goes on after its listeners: it must not inherit a partner's row that failed here.
            db.Entry(relationship).State = EntityState.Detached;
            throw;
        }
    }

    /// <summary>
    /// Ends, at <paramref name="at"/>, the relationships with the account of partners whose link to
    /// it has ended and who have none of their people in it. A partner credited without ever being
    /// linked (a listing's publisher) keeps its relationship until it goes idle.
    /// </summary>
    public async Task<int> EndWithoutAccessAsync(Guid accountId, DateTime at, CancellationToken cancellationToken)
    {
        // Cross-tenant on purpose: every partner's relationship with this one account.
        var managing = await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.AccountId == accountId && r.EndedAt == null).Select(r => r.TenantId).Distinct().ToListAsync(cancellationToken);
        if (managing.Count == 0) return 0;
        var links = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == accountId && managing.Contains(l.PartnerId)).Select(l => new { l.PartnerId, l.EndedAt }).ToListAsync(cancellationToken);
        var revoked = links.Where(l => l.EndedAt != null).Select(l => l.PartnerId).Except(links.Where(l => l.EndedAt == null).Select(l => l.PartnerId)).ToList();
        if (revoked.Count == 0) return 0;
        var seatedUsers = db.Memberships.IgnoreQueryFilters(["Tenant"]).Where(m => m.TenantId == accountId && m.DeactivatedAt == null).Select(m => m.UserId);
        var withPeopleInside = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => revoked.Contains(m.TenantId) && m.DeactivatedAt == null && seatedUsers.Contains(m.UserId)).Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        var ending = revoked.Except(withPeopleInside).ToList();
        if (ending.Count == 0) return 0;
        return await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"])
            .Where(r => r.AccountId == accountId && r.EndedAt == null && ending.Contains(r.TenantId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, at).SetProperty(r => r.EndReason, AccessRemovedReason), cancellationToken);
    }

    public const string AccessRemovedReason = "The client removed the partner's access";

    /// <summary>
    /// Reopens a relationship that ended because the partner lost access when that very link is open
    /// again (an Undo of a detach or of a revoke reopens the link row that ended, so it was created
    /// before the relationship ended; a new link is created after it and starts afresh, P3).
    /// </summary>
    public async Task<int> ReopenRestoredAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var open = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == accountId && l.EndedAt == null).Select(l => new { l.PartnerId, l.CreatedAt }).ToListAsync(cancellationToken);
        if (open.Count == 0) return 0;
        var partnerIds = open.Select(l => l.PartnerId).ToList();
        // Cross-tenant on purpose: the relationships of the partners linked to this one account.
        var relationships = await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.AccountId == accountId && partnerIds.Contains(r.TenantId)).Select(r => new { r.Id, r.TenantId, r.EndedAt, r.EndReason }).ToListAsync(cancellationToken);
        var reopened = 0;
        foreach (var link in open)
        {
            var mine = relationships.Where(r => r.TenantId == link.PartnerId).ToList();
            if (mine.Count == 0 || mine.Any(r => r.EndedAt == null)) continue;
            var last = mine.MaxBy(r => r.EndedAt)!;
            if (last.EndReason != AccessRemovedReason || last.EndedAt < link.CreatedAt) continue;
            reopened += await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).Where(r => r.Id == last.Id && r.EndedAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, (DateTime?)null).SetProperty(r => r.EndReason, (string?)null), cancellationToken);
        }

        return reopened;
    }

    /// <summary>Ends every relationship whose last qualifying activity is older than the program allows (P4), as of that day.</summary>
    public async Task<int> EndIdleAsync(int days, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-days);
        var idle = await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.EndedAt == null && r.LastActivityAt < cutoff).Select(r => new { r.Id, r.LastActivityAt }).ToListAsync(cancellationToken);
        foreach (var r in idle)
            await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).Where(x => x.Id == r.Id && x.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, r.LastActivityAt.AddDays(days)).SetProperty(x => x.EndReason, $"No qualifying activity for {days} days"), cancellationToken);
        return idle.Count;
    }
}
