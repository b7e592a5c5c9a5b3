using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// Recomputes <see cref="ClientRow"/>s from the organizations, links, subscriptions and memberships
/// they copy. Crosses tenants on purpose: a client's facts are copied into its partner's row, and
/// only for a client with an active partner–client link; each partner's rows are written while that
/// partner is the current tenant. Works in the caller's unit of work and transaction.
/// </summary>
public sealed class ClientRows(PortalDbContext db, ITenantContext tenants, ITenantStore store, TimeProvider time, IOptions<PortalOptions> portal)
{
    private const int Batch = 500;

    /// <summary>Replaces the rows of <paramref name="clientIds"/> (a client without an active link loses its row). Saves.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in clientIds.Distinct().Chunk(Batch))
        {
            // Whichever partner held the row: a client that moved to another partner leaves the old one's dashboard.
            await db.Set<ClientRow>().IgnoreQueryFilters(["Tenant"]).Where(r => chunk.Contains(r.ClientId)).ExecuteDeleteAsync(cancellationToken);
            var rows = await LoadAsync(db.PartnerClientLinks.Where(l => chunk.Contains(l.ClientId)), cancellationToken);
            foreach (var partnerRows in rows.GroupBy(r => r.TenantId))
            {
                var partner = await store.FindByIdAsync(partnerRows.Key, cancellationToken);
                if (partner is null) continue; // purged meanwhile: nobody's dashboard to show them on
                using (tenants.Change(partner))
                {
                    db.Set<ClientRow>().AddRange(partnerRows);
                    await db.SaveChangesAsync(cancellationToken);
                }

                foreach (var row in partnerRows) db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Rebuilds every row, one batch of clients at a time (a plan changed for everyone; the periodic repair).</summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        var linked = await db.PartnerClientLinks.AsNoTracking().Where(l => l.EndedAt == null).Select(l => l.ClientId).ToListAsync(cancellationToken);
        var existing = await db.Set<ClientRow>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Select(r => r.ClientId).ToListAsync(cancellationToken);
        await RefreshAsync(linked.Concat(existing).ToList(), cancellationToken);
    }

    /// <summary>
    /// A member of <paramref name="clientId"/> was active at <paramref name="at"/>: the row's last
    /// activity moves forward, in one conditional update (nothing happens for an organization that is no client).
    /// </summary>
    public Task NoteActivityAsync(Guid clientId, DateTime at, CancellationToken cancellationToken = default) =>
        db.Set<ClientRow>().IgnoreQueryFilters(["Tenant"])
            .Where(r => r.ClientId == clientId && (r.LastActiveAt == null || r.LastActiveAt < at))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastActiveAt, at), cancellationToken);

    private async Task<List<ClientRow>> LoadAsync(IQueryable<PartnerClientLink> links, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        var defaultPlan = await db.Plans.AsNoTracking().Where(p => p.IsDefault).FirstOrDefaultAsync(cancellationToken);
        // The clients' own rows, read only through their active links below; spelled out here because a
        // filter bypass cannot be written inside the projection.
        var subscriptions = db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]);
        var memberships = db.Memberships.IgnoreQueryFilters(["Tenant"]);
        var data = await links.AsNoTracking()
            .Where(l => l.EndedAt == null)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new
            {
                l.PartnerId,
                l.ClientId,
                l.Client!.Name,
                l.Client.Slug,
                l.Client.PrimaryHost,
                l.Client.CreatedAt,
                l.Client.Status,
                Subscription = subscriptions.Where(s => s.TenantId == l.ClientId).FirstOrDefault(),
                Plan = subscriptions.Where(s => s.TenantId == l.ClientId).Select(s => s.Plan).FirstOrDefault(),
                LastActiveAt = memberships.Where(m => m.TenantId == l.ClientId).Max(m => m.LastActiveAt),
            })
            .ToListAsync(cancellationToken);

        return data
            .DistinctBy(d => d.ClientId)
            .Select(d =>
            {
                var plan = d.Plan ?? defaultPlan ?? new Plan { Code = "free", Name = "Free", Currency = "USD" };
                return new ClientRow
                {
                    ClientId = d.ClientId,
                    TenantId = d.PartnerId,
                    Name = d.Name,
                    NameKey = d.Name.ToLowerInvariant(),
                    HostKey = (d.PrimaryHost ?? $"{d.Slug}.{platformDomain}").ToLowerInvariant(),
                    CreatedAt = d.CreatedAt,
                    PlanSort = plan.SortOrder,
                    ListPrice = plan.MonthlyListPrice,
                    StatusRank = (int)AccountSubscription.StatusOf(d.Status, d.Subscription, plan, now),
                    LastActiveAt = d.LastActiveAt,
                };
            })
            .ToList();
    }
}
