namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>
/// The deal-registration discount (P6, P8) a partner's won, approved deals earn, as a fraction
/// (0.10 is 10 %). The program settings own the number; until they say otherwise the seeds' default applies.
/// </summary>
public interface IDealRegistrationDiscount
{
    Task<decimal> RateForAsync(Guid partnerId, CancellationToken cancellationToken = default);
}

/// <summary>The seeds' 10 %, for a host whose program settings do not name a rate.</summary>
internal sealed class DefaultDealRegistrationDiscount : IDealRegistrationDiscount
{
    public const decimal Rate = 0.10m;

    public Task<decimal> RateForAsync(Guid partnerId, CancellationToken cancellationToken = default) => Task.FromResult(Rate);
}
