using Microsoft.EntityFrameworkCore;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// The kernel's <see cref="IPartnerStanding"/> from the program: each partner's tier as the last
/// recalculation left it, and its badges. Reads across partners on purpose: standings are public
/// facts of the program (the directory shows them).
/// </summary>
public sealed class ProgramStanding(PortalDbContext db) : IPartnerStanding
{
    public async Task<IReadOnlyDictionary<Guid, PartnerStanding>> OfAsync(IReadOnlyCollection<Guid> partnerIds, CancellationToken cancellationToken = default)
    {
        var ids = partnerIds.Distinct().ToList();
        var tiers = await db.Set<PartnerTier>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(t => ids.Contains(t.TenantId))
            .Select(t => new { t.TenantId, t.Tier, t.Rank }).ToListAsync(cancellationToken);
        var badges = (await db.Set<PartnerBadge>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(b => ids.Contains(b.TenantId) && b.RevokedAt == null)
            .OrderBy(b => b.Name).Select(b => new { b.TenantId, b.Name }).ToListAsync(cancellationToken)).ToLookup(b => b.TenantId, b => b.Name);
        var byId = tiers.ToDictionary(t => t.TenantId);
        return ids.ToDictionary(id => id, id => byId.TryGetValue(id, out var t) && t.Tier is not null
            ? new PartnerStanding(id, t.Tier, t.Rank, [.. badges[id]])
            : new PartnerStanding(id, null, 0, [.. badges[id]]));
    }
}

/// <summary>
/// The reseller discount of R6 from the partner's tier (P6): the tier's reseller discount, or the
/// flat default while the partner has no tier or the program is switched off for it.
/// </summary>
public sealed class TierResellerDiscount(PortalDbContext db, ProgramSettingsStore program, IModuleSwitch switches) : IResellerDiscount
{
    public async Task<decimal> RateAsync(Guid resellerId, CancellationToken cancellationToken = default)
    {
        if (!await switches.IsOnAsync(PartnerTiersModule.ModuleName, resellerId, cancellationToken)) return FlatResellerDiscount.DefaultRate;
        // Cross-tenant on purpose: asked from the reseller's pages and from its clients' billing alike.
        var tier = await db.Set<PartnerTier>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(t => t.TenantId == resellerId).Select(t => t.Tier).FirstOrDefaultAsync(cancellationToken);
        if (tier is null) return FlatResellerDiscount.DefaultRate;
        return PointsCalculator.ResellerDiscount(await program.GetAsync(cancellationToken), tier, FlatResellerDiscount.DefaultRate);
    }
}

/// <summary>
/// The deal-registration discount (P6, P8) from the partner's tier, plus what each specialization
/// badge it holds adds (P7); the seeds' default while the partner has no tier.
/// </summary>
public sealed class TierDealRegistrationDiscount(IPartnerStanding standings, ProgramSettingsStore program) : Deals.IDealRegistrationDiscount
{
    public async Task<decimal> RateForAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var standing = (await standings.OfAsync([partnerId], cancellationToken))[partnerId];
        var settings = await program.GetAsync(cancellationToken);
        if (settings.TierNamed(standing.Tier) is not { } tier) return Deals.DefaultDealRegistrationDiscount.Rate;
        var extra = settings.Specializations.Where(s => standing.Badges.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).Sum(s => s.ExtraDealRegistrationDiscount);
        return tier.DealRegistrationDiscount + extra;
    }
}
