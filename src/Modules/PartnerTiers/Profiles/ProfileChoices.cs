namespace PartnerPortal.PartnerTiers.Profiles;

/// <summary>
/// The regions and industries a partner may name: fixed lists, so the directory's filters find every
/// partner that serves one (free text would split "Health care" from "Healthcare").
/// </summary>
public static class ProfileChoices
{
    public static readonly IReadOnlyList<string> Regions = ["North America", "Latin America", "Europe", "Middle East and Africa", "Asia Pacific"];

    public static IReadOnlyList<string> Industries => Modularity.Industries.All;

    public static IReadOnlyList<string> Split(string joined) => joined.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> values) => "|" + string.Concat(values.Distinct(StringComparer.Ordinal).Select(v => v + "|"));
}
