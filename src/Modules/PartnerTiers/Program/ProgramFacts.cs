using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// Reads partners' facts for a period from kernel tables (organizations, links, plans,
/// subscriptions) and the module's own (managed relationships, badges, deals, case studies, the
/// ledger a year before, the metrics platform admins recorded), for all partners at once (the job) or a few (the program page). Crosses
/// tenants on purpose: a managed account's split counts every partner managing it.
/// </summary>
public sealed class ProgramFacts(PortalDbContext db)
{
    private sealed record Account(string Name, decimal Mrr, string Currency, BillingMode Mode, string? Industry, string? ProductLine);

    /// <summary>Each partner's facts; <paramref name="partnerIds"/> null reads every partner.</summary>
    public async Task<Dictionary<Guid, PartnerFacts>> LoadAsync(IReadOnlyCollection<Guid>? partnerIds, DateOnly period, CancellationToken cancellationToken)
    {
        var all = partnerIds is null;
        var ids = partnerIds ?? [];
        var partners = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Partner && o.Status == OrganizationStatus.Active && (all || ids.Contains(o.Id)))
            .Select(o => o.Id).ToListAsync(cancellationToken);

        var links = await db.PartnerClientLinks.AsNoTracking().Where(l => l.EndedAt == null && (all || ids.Contains(l.PartnerId)))
            .Select(l => new { l.PartnerId, l.ClientId }).ToListAsync(cancellationToken);
        var managed = await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(r => r.EndedAt == null && (all || ids.Contains(r.TenantId)))
            .Select(r => new { r.TenantId, r.AccountId }).ToListAsync(cancellationToken);
        var managedAccounts = managed.Select(m => m.AccountId).Distinct().ToList();
        // How many partners share each managed account: every partner's relationships with it, not only the ones asked for.
        var splits = all
            ? managed.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.Select(m => m.TenantId).Distinct().Count())
            : (await db.Set<ManagedRelationship>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(r => r.EndedAt == null && managedAccounts.Contains(r.AccountId))
                .Select(r => new { r.AccountId, r.TenantId }).Distinct().ToListAsync(cancellationToken)).GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Count());

        var accountIds = all ? null : links.Select(l => l.ClientId).Concat(managedAccounts).Distinct().ToList();
        var accounts = await AccountsAsync(accountIds, cancellationToken);

        var badges = (await db.Set<PartnerBadge>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(b => b.RevokedAt == null && (all || ids.Contains(b.TenantId)))
            .Select(b => new { b.TenantId, b.Id, b.Name, b.Kind, b.AutoEarned }).ToListAsync(cancellationToken)).ToLookup(b => b.TenantId);
        var dealsFrom = period.AddMonths(-12);
        var deals = (await db.Set<DealRegistration>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(d => d.Review == DealReview.Approved && d.Stage != DealStage.Lost && d.CloseDate >= dealsFrom && (all || ids.Contains(d.TenantId)))
            .Select(d => new { d.TenantId, d.Id, d.Customer, d.ExpectedArr, d.Currency, d.Stage }).ToListAsync(cancellationToken)).ToLookup(d => d.TenantId);
        var studies = (await db.Set<CaseStudy>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(c => c.Status == CaseStudyStatus.Approved && (all || ids.Contains(c.TenantId)))
            .Select(c => new { c.TenantId, c.Id, c.Customer, c.Industry, c.ProductLine }).ToListAsync(cancellationToken)).ToLookup(c => c.TenantId);
        var yearBefore = period.AddMonths(-12);
        var arrBefore = await db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(e => e.Period == yearBefore && (e.Source == PointSource.SoldMrr || e.Source == PointSource.ManagedMrr) && (all || ids.Contains(e.TenantId)))
            .GroupBy(e => e.TenantId).Select(g => new { g.Key, Mrr = g.Sum(e => e.ProgramMrr ?? 0m) }).ToListAsync(cancellationToken);
        var arrByPartner = arrBefore.ToDictionary(a => a.Key, a => a.Mrr * 12m);
        var metrics = await PartnerMetrics.ValuesAsync(db, all ? null : ids, cancellationToken);

        var linksByPartner = links.ToLookup(l => l.PartnerId, l => l.ClientId);
        var managedByPartner = managed.ToLookup(m => m.TenantId, m => m.AccountId);
        var result = new Dictionary<Guid, PartnerFacts>(partners.Count);
        foreach (var partner in partners)
        {
            var sold = new List<AccountMrr>();
            var referred = new List<AccountMrr>();
            foreach (var clientId in linksByPartner[partner].Distinct())
            {
                if (!accounts.TryGetValue(clientId, out var a) || a.Mrr <= 0) continue;
                (a.Mode == BillingMode.ResellerBilled ? sold : referred).Add(new AccountMrr(clientId, a.Name, a.Mrr, a.Currency, Industry: a.Industry, ProductLine: a.ProductLine));
            }

            var managedMrr = managedByPartner[partner].Distinct()
                .Where(id => accounts.TryGetValue(id, out var a) && a.Mrr > 0)
                .Select(id => { var a = accounts[id]; return new AccountMrr(id, a.Name, a.Mrr, a.Currency, splits.GetValueOrDefault(id, 1), a.Industry, a.ProductLine); })
                .ToList();
            result[partner] = new PartnerFacts(period, sold, managedMrr, referred,
                [.. badges[partner].Select(b => new BadgeFact(b.Id, b.Name, b.Kind, b.AutoEarned))],
                [.. deals[partner].Select(d => new DealFact(d.Id, d.Customer, d.ExpectedArr, d.Currency, d.Stage.ToString()))],
                [.. studies[partner].Select(c => new CaseStudyFact(c.Id, c.Customer, c.Industry, c.ProductLine))],
                arrByPartner.TryGetValue(partner, out var before) ? before : null,
                metrics[partner].ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
        }

        return result;
    }

    /// <summary>The MRR of active client accounts: the list price of their plan (the default plan without a subscription), in its currency, and the plan's product line.</summary>
    private async Task<Dictionary<Guid, Account>> AccountsAsync(List<Guid>? ids, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.MonthlyListPrice, p.Currency, p.IsDefault, p.ProductLine }).ToListAsync(cancellationToken);
        var byId = plans.ToDictionary(p => p.Id);
        var fallback = plans.FirstOrDefault(p => p.IsDefault);
        var all = ids is null;
        var list = ids ?? [];
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Client && o.Status == OrganizationStatus.Active && (all || list.Contains(o.Id)))
            .Select(o => new { o.Id, o.Name, o.Industry }).ToListAsync(cancellationToken);
        // Cross-tenant on purpose: every client's plan and billing mode (kernel facts, read-only).
        var subscriptions = await db.Set<AccountSubscription>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => all || list.Contains(s.TenantId))
            .Select(s => new { s.TenantId, s.PlanId, s.BillingMode }).ToListAsync(cancellationToken);
        var subscriptionOf = subscriptions.GroupBy(s => s.TenantId).ToDictionary(g => g.Key, g => g.First());
        var result = new Dictionary<Guid, Account>(organizations.Count);
        foreach (var o in organizations)
        {
            var s = subscriptionOf.GetValueOrDefault(o.Id);
            var plan = s is not null && byId.TryGetValue(s.PlanId, out var p) ? p : fallback;
            if (plan is null) continue;
            result[o.Id] = new Account(o.Name, plan.MonthlyListPrice, plan.Currency, s?.BillingMode ?? BillingMode.ResellerBilled, o.Industry, plan.ProductLine);
        }

        return result;
    }
}
