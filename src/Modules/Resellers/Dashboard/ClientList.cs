using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Dashboard;

public enum ClientSort
{
    Name = 0,
    Plan = 1,
    Status = 2,
    Price = 3,
    Activity = 4,
    Created = 5,
}

/// <summary>What the dashboard asks for: a search term, a sort and a page.</summary>
public sealed record ClientQuery(string? Search, ClientSort Sort, bool Descending, int Page)
{
    public const int PageSize = 25;

    public string? Term => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim().ToLowerInvariant();
}

/// <summary>One client as the dashboard and the exports show it (R4). Prices are null for support specialists.</summary>
public sealed record ClientLine(
    Guid Id,
    string Name,
    IReadOnlyList<string> Hosts,
    string PlanName,
    AccountStatus Status,
    long Records,
    long? RecordLimit,
    int Members,
    int? MemberLimit,
    int Domains,
    int? DomainLimit,
    string Currency,
    decimal? ListPrice,
    decimal? ResellerCost,
    decimal? ResellerPrice,
    ResellerPriceKind? ResellerPriceKind,
    string? ResellerPriceCurrency,
    DateTime? LastActiveAt,
    DateTime CreatedAt);

/// <summary>
/// The clients a partner user may enter, searched, sorted and paged on <see cref="ClientRow"/>
/// indexes, then completed live for the rows shown. Partner admins see every linked client;
/// employees and support specialists only those assigned to them (R13); support specialists
/// get no prices (R15).
/// </summary>
public sealed class ClientList(
    PortalDbContext db,
    PartnerAccess access,
    IRecordUsage records,
    IResellerDiscount discounts,
    ClientRows rows,
    TimeProvider time,
    IOptions<PortalOptions> portal)
{
    /// <summary>One page of clients, and whether a next page exists; null when the user has no rights in the partner.</summary>
    public async Task<(IReadOnlyList<ClientLine> Lines, bool HasNext, PartnerRights Rights)?> PageAsync(Guid partnerId, Guid userId, ClientQuery query, CancellationToken cancellationToken = default)
    {
        if (await access.RightsAsync(partnerId, userId, cancellationToken) is not { } rights) return null;
        var page = Math.Max(1, query.Page);
        var ids = await Ordered(Visible(partnerId, userId, rights, query.Term), query.Sort, query.Descending)
            .Skip((page - 1) * ClientQuery.PageSize)
            .Take(ClientQuery.PageSize + 1)
            .Select(r => r.ClientId)
            .ToListAsync(cancellationToken);
        var hasNext = ids.Count > ClientQuery.PageSize;
        var lines = await DescribeAsync(partnerId, ids.Take(ClientQuery.PageSize).ToList(), rights.SeesPrices, cancellationToken);
        return (lines, hasNext, rights);
    }

    /// <summary>Every visible client in name order, a batch at a time, for a streamed export.</summary>
    public async IAsyncEnumerable<ClientLine> AllAsync(Guid partnerId, Guid userId, PartnerRights rights, string? term, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? afterName = null;
        var afterId = Guid.Empty;
        while (true)
        {
            var visible = Visible(partnerId, userId, rights, term);
            if (afterName is not null)
            {
                var name = afterName;
                var id = afterId;
                visible = visible.Where(r => r.NameKey.CompareTo(name) > 0 || (r.NameKey == name && r.ClientId.CompareTo(id) > 0));
            }

            var batch = await visible.OrderBy(r => r.NameKey).ThenBy(r => r.ClientId)
                .Take(500).Select(r => new { r.ClientId, r.NameKey }).ToListAsync(cancellationToken);
            if (batch.Count == 0) yield break;
            foreach (var line in await DescribeAsync(partnerId, batch.Select(b => b.ClientId).ToList(), rights.SeesPrices, cancellationToken)) yield return line;
            db.ChangeTracker.Clear();
            (afterName, afterId) = (batch[^1].NameKey, batch[^1].ClientId);
        }
    }

    /// <summary>One client, when the user may enter it; otherwise null.</summary>
    public async Task<ClientLine?> OneAsync(Guid partnerId, Guid userId, PartnerRights rights, Guid clientId, CancellationToken cancellationToken = default)
    {
        if (!await access.CanEnterAsync(partnerId, userId, clientId, cancellationToken)) return null;
        return (await DescribeAsync(partnerId, [clientId], rights.SeesPrices, cancellationToken)).FirstOrDefault();
    }

    private IQueryable<ClientRow> Visible(Guid partnerId, Guid userId, PartnerRights rights, string? term)
    {
        var visible = db.Set<ClientRow>().AsNoTracking().Where(r => r.TenantId == partnerId);
        if (!rights.ReachesAllClients)
        {
            var assigned = db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"])
                .Where(a => a.TenantId == partnerId && a.UserId == userId).Select(a => a.ClientId);
            visible = visible.Where(r => assigned.Contains(r.ClientId));
        }

        if (term is not null) visible = visible.Where(r => r.NameKey.Contains(term) || r.HostKey.Contains(term));
        return visible;
    }

    private static IQueryable<ClientRow> Ordered(IQueryable<ClientRow> rows, ClientSort sort, bool descending) => (sort, descending) switch
    {
        (ClientSort.Plan, false) => rows.OrderBy(r => r.PlanSort).ThenBy(r => r.NameKey).ThenBy(r => r.ClientId),
        (ClientSort.Plan, true) => rows.OrderByDescending(r => r.PlanSort).ThenByDescending(r => r.NameKey).ThenByDescending(r => r.ClientId),
        (ClientSort.Status, false) => rows.OrderBy(r => r.StatusRank).ThenBy(r => r.NameKey).ThenBy(r => r.ClientId),
        (ClientSort.Status, true) => rows.OrderByDescending(r => r.StatusRank).ThenByDescending(r => r.NameKey).ThenByDescending(r => r.ClientId),
        (ClientSort.Price, false) => rows.OrderBy(r => r.ListPrice).ThenBy(r => r.NameKey).ThenBy(r => r.ClientId),
        (ClientSort.Price, true) => rows.OrderByDescending(r => r.ListPrice).ThenByDescending(r => r.NameKey).ThenByDescending(r => r.ClientId),
        // Never active sorts as the oldest on every provider (PostgreSQL would put nulls first when descending).
        (ClientSort.Activity, false) => rows.OrderBy(r => r.LastActiveAt != null).ThenBy(r => r.LastActiveAt).ThenBy(r => r.ClientId),
        (ClientSort.Activity, true) => rows.OrderByDescending(r => r.LastActiveAt != null).ThenByDescending(r => r.LastActiveAt).ThenByDescending(r => r.ClientId),
        (ClientSort.Created, false) => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.ClientId),
        (ClientSort.Created, true) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.ClientId),
        (_, true) => rows.OrderByDescending(r => r.NameKey).ThenByDescending(r => r.ClientId),
        _ => rows.OrderBy(r => r.NameKey).ThenBy(r => r.ClientId),
    };

    /// <summary>The live facts of <paramref name="ids"/>, in that order; rows whose link ended meanwhile are dropped and repaired.</summary>
    private async Task<IReadOnlyList<ClientLine>> DescribeAsync(Guid partnerId, List<Guid> ids, bool seesPrices, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var now = time.GetUtcNow().UtcDateTime;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        var linked = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.PartnerId == partnerId && l.EndedAt == null && ids.Contains(l.ClientId))
            .Select(l => l.ClientId).ToListAsync(cancellationToken);
        var stale = ids.Except(linked).ToList();
        if (stale.Count > 0) await rows.RefreshAsync(stale, cancellationToken);

        var organizations = await db.Organizations.AsNoTracking().Where(o => linked.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.Slug, o.PrimaryHost, o.Status, o.CreatedAt }).ToDictionaryAsync(o => o.Id, cancellationToken);
        var domains = await db.OrganizationDomains.AsNoTracking().Where(d => linked.Contains(d.OrganizationId) && d.VerifiedAt != null)
            .Select(d => new { d.OrganizationId, d.Host }).ToListAsync(cancellationToken);
        // The clients' own rows, of the clients just checked to be linked to this partner.
        var subscriptions = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Include(s => s.Plan).Where(s => linked.Contains(s.TenantId))
            .ToDictionaryAsync(s => s.TenantId, cancellationToken);
        var defaultPlan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.IsDefault, cancellationToken)
                          ?? new Plan { Code = "free", Name = "Free", Currency = "USD" };
        var members = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => linked.Contains(m.TenantId) && m.DeactivatedAt == null)
            .GroupBy(m => m.TenantId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(m => m.LastActiveAt) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var recordCounts = await records.CountManyAsync(linked, cancellationToken);
        var rate = seesPrices ? await discounts.RateAsync(partnerId, cancellationToken) : 0m;

        var lines = new List<ClientLine>(linked.Count);
        foreach (var id in ids)
        {
            if (!organizations.TryGetValue(id, out var org)) continue;
            var subscription = subscriptions.GetValueOrDefault(id);
            var plan = subscription?.Plan ?? defaultPlan;
            var hosts = domains.Where(d => d.OrganizationId == id).Select(d => d.Host)
                .Prepend(org.PrimaryHost ?? $"{org.Slug}.{platformDomain}")
                .Append($"{org.Slug}.{platformDomain}")
                .Distinct().ToList();
            var memberFacts = members.GetValueOrDefault(id);
            lines.Add(new ClientLine(
                id,
                org.Name,
                hosts,
                plan.Name,
                AccountSubscription.StatusOf(org.Status, subscription, plan, now),
                recordCounts.GetValueOrDefault(id),
                plan.RecordLimit,
                memberFacts?.Count ?? 0,
                plan.MemberLimit,
                domains.Count(d => d.OrganizationId == id),
                plan.CustomDomainLimit,
                plan.Currency,
                seesPrices ? plan.MonthlyListPrice : null,
                seesPrices ? Math.Round(plan.MonthlyListPrice * (1 - rate), 2) : null,
                seesPrices ? subscription?.ResellerPrice : null,
                seesPrices ? subscription?.ResellerPriceKind : null,
                seesPrices ? subscription?.ResellerPriceCurrency : null,
                memberFacts?.Last,
                org.CreatedAt));
        }

        return lines;
    }
}
