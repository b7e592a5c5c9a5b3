namespace PartnerPortal.Billing;

/// <summary>
/// The discount a reseller gets on list prices (R6). The partner program replaces this
/// registration with one that reads the reseller's tier (P6).
/// </summary>
public interface IResellerDiscount
{
    /// <summary>A fraction: 0.20 is 20 % off the list price.</summary>
    Task<decimal> RateAsync(Guid resellerId, CancellationToken cancellationToken = default);
}

/// <summary>20 % for every reseller, until the partner program says otherwise.</summary>
public sealed class FlatResellerDiscount : IResellerDiscount
{
    public const decimal DefaultRate = 0.20m;

    public Task<decimal> RateAsync(Guid resellerId, CancellationToken cancellationToken = default) => Task.FromResult(DefaultRate);
}
