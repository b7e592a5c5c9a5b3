namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>What an action on a deal, case study or dispute did, in words; or why it changed nothing.</summary>
public sealed record ProgramOutcome(string? Done, string? Error)
{
    public static ProgramOutcome Did(string done) => new(done, null);

    public static ProgramOutcome Refused(string error) => new(null, error);
}
