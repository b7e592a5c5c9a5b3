using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>Recomputes <see cref="ClientRow"/>s from the organizations, links, subscriptions and memberships they copy.</summary>
public sealed class ClientRows(PortalDbContext db, TimeProvider time, IOptions<PortalOptions> portal)
{
    private const int Batch = 500;
    private static readonly string[] TenantFilterOnly = [PortalDbContext.TenantFilter];

    /// <summary>Replaces the rows of <paramref name="clientIds"/> (a client without an active link loses its row). Saves.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in clientIds.Distinct().Chunk(Batch))
        {
            await db.Set<ClientRow>().Where(r => chunk.Contains(r.ClientId)).ExecuteDeleteAsync(cancellationToken);
            var rows = await LoadAsync(db.PartnerClientLinks.Where(l => chunk.Contains(l.ClientId)), cancellationToken);
            db.Set<ClientRow>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>Rebuilds every row, one batch of clients at a time (start-up and the periodic repair).</summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        var linked = await db.PartnerClientLinks.AsNoTracking().Where(l => l.EndedAt == null).Select(l => l.ClientId).ToListAsync(cancellationToken);
        var existing = await db.Set<ClientRow>().AsNoTracking().Select(r => r.ClientId).ToListAsync(cancellationToken);
        await RefreshAsync(linked.Concat(existing).ToList(), cancellationToken);
    }

    private async Task<List<ClientRow>> LoadAsync(IQueryable<PartnerClientLink> links, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        var defaultPlan = await db.Plans.AsNoTracking().Where(p => p.IsDefault).FirstOrDefaultAsync(cancellationToken);
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
                Subscription = db.AccountSubscriptions.Where(s => s.OrganizationId == l.ClientId).FirstOrDefault(),
                Plan = db.AccountSubscriptions.Where(s => s.OrganizationId == l.ClientId).Select(s => s.Plan).FirstOrDefault(),
                LastActiveAt = db.Memberships.IgnoreQueryFilters(TenantFilterOnly).Where(m => m.TenantId == l.ClientId).Max(m => m.LastActiveAt),
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
                    PartnerId = d.PartnerId,
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
