namespace PartnerPortal.Modularity;

/// <summary>
/// A partner's place in the partner program as other modules see it (P1, P7): its tier and the
/// specialization badges it earned. <paramref name="Rank"/> orders tiers (0: no tier, then Silver,
/// Gold, Platinum upward), so listings can put higher tiers first without knowing their names.
/// </summary>
public sealed record PartnerStanding(Guid PartnerId, string? Tier, int Rank, IReadOnlyList<string> Badges)
{
    public static PartnerStanding None(Guid partnerId) => new(partnerId, null, 0, []);
}

/// <summary>
/// What other modules may ask of the partner program (the PartnerTiers module implements this;
/// without it installed every partner stands untiered). Reads across organizations: standings are
/// public facts of the program (the directory shows them).
/// </summary>
public interface IPartnerStanding
{
    /// <summary>The standing of each of <paramref name="partnerIds"/>; every id asked for has an answer.</summary>
    Task<IReadOnlyDictionary<Guid, PartnerStanding>> OfAsync(IReadOnlyCollection<Guid> partnerIds, CancellationToken cancellationToken = default);
}

/// <summary>The kernel's stand-in while no partner program is installed: no partner has a tier.</summary>
public sealed class NoPartnerStanding : IPartnerStanding
{
    public Task<IReadOnlyDictionary<Guid, PartnerStanding>> OfAsync(IReadOnlyCollection<Guid> partnerIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, PartnerStanding>>(partnerIds.Distinct().ToDictionary(id => id, PartnerStanding.None));
}
