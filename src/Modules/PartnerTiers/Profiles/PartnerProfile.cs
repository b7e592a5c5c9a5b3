using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.Profiles;

/// <summary>
/// What a partner tells the public partner directory (P9) about itself: owned by the partner, edited
/// by its admins, shown only while <see cref="Listed"/>. The directory shows nothing of a partner
/// that this row (and its approved case studies and published listings) does not say.
/// </summary>
public sealed class PartnerProfile : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public string Summary { get; set; } = string.Empty;

    /// <summary>Regions served, as <c>|a|b|</c> from <see cref="ProfileChoices.Regions"/>.</summary>
    public string Regions { get; set; } = "|";

    /// <summary>Industries served, as <c>|a|b|</c> from <see cref="ProfileChoices.Industries"/>.</summary>
    public string Industries { get; set; } = "|";

    public string? Website { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>Shown in the public directory; off until the partner says so.</summary>
    public bool Listed { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    public IReadOnlyList<string> RegionList => ProfileChoices.Split(Regions);

    public IReadOnlyList<string> IndustryList => ProfileChoices.Split(Industries);
}
