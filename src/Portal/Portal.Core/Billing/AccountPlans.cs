using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Billing;

/// <summary>An organization's plan as pages and rules read it: plan, subscription row, usage and status at one moment.</summary>
public sealed record AccountPlan(TenantInfo Organization, Plan Plan, AccountSubscription? Subscription, PlanUsage Usage, AccountStatus Status, DateTime Now)
{
    public Guid? ResellerId => Organization.ResellerId;

    public string? ResellerName => Organization.ResellerName;

    public bool InTrial => Subscription?.InTrial(Now) == true;

    public bool TrialUsed => Subscription?.TrialStartedAt is not null;

    public BillingMode BillingMode => Subscription?.BillingMode ?? BillingMode.ResellerBilled;

    /// <summary>A reseller's client whose plan the reseller pays and changes (R6, R14).</summary>
    public bool IsResellerBilled => ResellerId is not null && BillingMode == BillingMode.ResellerBilled;

    /// <summary>The limit that applies now: none during the trial, which is unlimited (R7).</summary>
    public long? LimitOf(LimitKind kind) => InTrial ? null : Plan.LimitOf(kind);

    /// <summary>The status in words: "At limit" at 50 of 50, "Over limit" only above a limit.</summary>
    public string StatusText => AccountStatusText.Of(Status, Enum.GetValues<LimitKind>().Any(k => Usage.Of(k) > LimitOf(k)));
}

/// <summary>
/// Reads plans, subscriptions and usage of any organization. Crosses tenants (subscriptions and
/// usage counts are read with <c>IgnoreQueryFilters(["Tenant"])</c>): callers check that the current
/// user may see <c>organizationId</c> (its own organization, or a client through a partner–client link).
/// </summary>
public sealed class AccountPlans(
    PortalDbContext db,
    IRecordUsage records,
    ITenantStore store,
    TimeProvider time,
    IOptions<PortalOptions> portal,
    IOptions<BillingOptions> billing)
{
    public async Task<Plan> DefaultPlanAsync(CancellationToken cancellationToken = default) =>
        await db.Plans.AsNoTracking().Where(p => p.IsDefault).OrderBy(p => p.SortOrder).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == Plan.Seeded.FreeId, cancellationToken);

    /// <summary>Plans offered to accounts: not archived, in the platform admin's order.</summary>
    public Task<List<Plan>> OfferedAsync(CancellationToken cancellationToken = default) =>
        db.Plans.AsNoTracking().Where(p => p.ArchivedAt == null).OrderBy(p => p.SortOrder).ThenBy(p => p.MonthlyListPrice).ToListAsync(cancellationToken);

    public async Task<AccountPlan?> GetAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var organization = await store.FindByIdAsync(organizationId, cancellationToken);
        if (organization is null) return null;
        var subscription = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Include(s => s.Plan)
            .FirstOrDefaultAsync(s => s.TenantId == organizationId, cancellationToken);
        var plan = subscription?.Plan ?? await DefaultPlanAsync(cancellationToken);
        var usage = await UsageAsync(organizationId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return new AccountPlan(organization, plan, subscription, usage, AccountSubscription.StatusOf(organization.Status, subscription, plan, now), now);
    }

    public async Task<PlanUsage> UsageAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        new(await UsageOfAsync(organizationId, LimitKind.Records, cancellationToken),
            (int)await UsageOfAsync(organizationId, LimitKind.Members, cancellationToken),
            (int)await UsageOfAsync(organizationId, LimitKind.CustomDomains, cancellationToken))
        {
            FreeSeats = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .Where(m => m.TenantId == organizationId && m.DeactivatedAt == null && m.FreeSeat != null)
                .GroupBy(m => m.FreeSeat!)
                .Select(g => new { Seat = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Seat, g => g.Count, cancellationToken),
        };

    public async Task<long> UsageOfAsync(Guid organizationId, LimitKind kind, CancellationToken cancellationToken = default)
    {
        switch (kind)
        {
            case LimitKind.Records:
                return await records.CountAsync(organizationId, cancellationToken);
            case LimitKind.Members:
                var now = time.GetUtcNow().UtcDateTime;
                var members = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                    .CountAsync(m => m.TenantId == organizationId && m.DeactivatedAt == null && m.FreeSeat == null, cancellationToken);
                var invited = await db.Invitations.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                    .CountAsync(i => i.TenantId == organizationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
                return members + invited;
            default:
                return await db.OrganizationDomains.AsNoTracking().CountAsync(d => d.OrganizationId == organizationId, cancellationToken);
        }
    }

    /// <summary>
    /// Whom a client asks to raise a limit: its reseller (the reseller's own support e-mail, phone
    /// and address, after its name), or the platform for a direct client. Never names the platform
    /// to a reseller's client (T4).
    /// </summary>
    public async Task<string> SupportContactAsync(TenantInfo organization, CancellationToken cancellationToken = default)
    {
        if (organization.ResellerId is { } resellerId)
        {
            var reseller = await db.Organizations.AsNoTracking().Where(o => o.Id == resellerId)
                .Select(o => new { o.Name, o.Branding.SupportEmail, o.Branding.SupportPhone, o.Branding.SupportUrl })
                .FirstOrDefaultAsync(cancellationToken);
            var name = reseller?.Name ?? organization.ResellerName ?? "your provider";
            var details = new[] { reseller?.SupportEmail, reseller?.SupportPhone, reseller?.SupportUrl }.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            return details.Count == 0 ? name : $"{name} ({string.Join(", ", details)})";
        }

        var platform = $"{portal.Value.PlatformName} support";
        return string.IsNullOrWhiteSpace(billing.Value.SupportEmail) ? platform : $"{platform} ({billing.Value.SupportEmail})";
    }
}
