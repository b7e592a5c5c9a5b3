using Microsoft.EntityFrameworkCore;
using PartnerPortal.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.Solutions;

/// <summary>Reads the record counter of any organization; see <see cref="IRecordUsage"/> for who may ask.</summary>
public sealed class RecordUsage(PortalDbContext db) : IRecordUsage
{
    public async Task<long> CountAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await db.Set<RecordCounter>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.TenantId == organizationId).Select(c => (long?)c.Count).FirstOrDefaultAsync(cancellationToken) ?? 0;

    public async Task<IReadOnlyDictionary<Guid, long>> CountManyAsync(IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken = default) =>
        await db.Set<RecordCounter>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => organizationIds.Contains(c.TenantId))
            .ToDictionaryAsync(c => c.TenantId, c => c.Count, cancellationToken);
}
