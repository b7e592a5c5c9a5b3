namespace PartnerPortal.Modularity;

/// <summary>
/// The industries partners say they serve (directory profiles) and Solution Center listings are
/// for: one fixed list, so a filter by industry finds every partner and listing that names it.
/// </summary>
public static class Industries
{
    public static readonly IReadOnlyList<string> All =
    [
        "Healthcare", "Dental and medical practices", "Financial services", "Manufacturing", "Retail and e-commerce", "Professional services",
        "Fitness and wellness", "Education", "Public sector", "Nonprofit", "Technology", "Hospitality",
    ];
}
