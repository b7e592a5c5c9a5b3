namespace PartnerPortal.Billing;

/// <summary>What a plan limits (R7): solution records, people, custom domains.</summary>
public enum LimitKind
{
    Records = 0,
    Members = 1,
    CustomDomains = 2,
}

public static class LimitKinds
{
    /// <summary>The code kept in <see cref="AccountSubscription.OverLimitKinds"/>.</summary>
    public static string Code(this LimitKind kind) => kind switch
    {
        LimitKind.Records => "records",
        LimitKind.Members => "members",
        _ => "domains",
    };

    /// <summary>What a person calls it: "records", "members", "custom domains".</summary>
    public static string Noun(this LimitKind kind) => kind switch
    {
        LimitKind.Records => "records",
        LimitKind.Members => "members",
        _ => "custom domains",
    };

    public static IReadOnlyList<LimitKind> Parse(string? codes) =>
        (codes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Enum.GetValues<LimitKind>().Cast<LimitKind?>().FirstOrDefault(k => k!.Value.Code() == c))
            .OfType<LimitKind>().Distinct().ToList();

    public static string Join(IEnumerable<LimitKind> kinds) => string.Join(",", kinds.Distinct().OrderBy(k => k).Select(Code));

    /// <summary>The plan's limit of <paramref name="kind"/>; null when the plan has none.</summary>
    public static long? LimitOf(this Plan plan, LimitKind kind) => kind switch
    {
        LimitKind.Records => plan.RecordLimit,
        LimitKind.Members => plan.MemberLimit,
        _ => plan.CustomDomainLimit,
    };
}

/// <summary>What an organization uses of its plan right now.</summary>
/// <param name="Members">Active memberships plus open invitations: an invitation holds a seat until it is accepted, withdrawn or expires.</param>
public sealed record PlanUsage(long Records, int Members, int CustomDomains)
{
    /// <summary>Free seats beside <see cref="Members"/>, by what they are called ("consultant seat" → 1); they count toward no limit (C4).</summary>
    public IReadOnlyDictionary<string, int> FreeSeats { get; init; } = new Dictionary<string, int>();

    public long Of(LimitKind kind) => kind switch
    {
        LimitKind.Records => Records,
        LimitKind.Members => Members,
        _ => CustomDomains,
    };
}
