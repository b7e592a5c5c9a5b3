namespace PartnerPortal.Billing;

/// <summary>
/// How many solution records an organization holds, for plan limits (R7). Read from a counter kept
/// with every write, never by counting rows. Crosses tenants: the caller checks that it may see
/// <paramref name="organizationId"/> (its own, or a client through a partner–client link).
/// </summary>
public interface IRecordUsage
{
    Task<long> CountAsync(Guid organizationId, CancellationToken cancellationToken = default);

    /// <summary>The counts of many organizations at once (a dashboard page, an export batch); missing ones are 0.</summary>
    async Task<IReadOnlyDictionary<Guid, long>> CountManyAsync(IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<Guid, long>();
        foreach (var id in organizationIds.Distinct()) counts[id] = await CountAsync(id, cancellationToken);
        return counts;
    }
}

/// <summary>Without a module that keeps records, an organization holds none (a host installed without Solutions).</summary>
public sealed class NoRecordUsage : IRecordUsage
{
    public Task<long> CountAsync(Guid organizationId, CancellationToken cancellationToken = default) => Task.FromResult(0L);
}
