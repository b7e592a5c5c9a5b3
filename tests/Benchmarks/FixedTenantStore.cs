using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The baseline: the tenant fixed in code. Every host resolves to one precomputed answer with no
/// cache and no lookup, so the gap to the real store is what resolution costs.
/// </summary>
public sealed class FixedTenantStore(HostResolution resolution) : ITenantStore
{
    public ValueTask<HostResolution> ResolveAsync(string normalizedHost, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(resolution);

    public ValueTask<TenantInfo?> FindByIdAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(resolution.Tenant?.Id == organizationId ? resolution.Tenant : null);

    public ValueTask EvictAllAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
