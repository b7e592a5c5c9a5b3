namespace PartnerPortal.Modularity;

/// <summary>
/// A module's part of a reseller merge (R11). Modules implement it to move their own rows when one
/// reseller merges into another, because the Resellers module may not read other modules' tables.
/// Steps run after the merge checked the user's rights, inside the merge's transaction (so they
/// begin none of their own), with the surviving reseller as the current tenant. None is required;
/// the merge also raises the <c>resellers.merged</c> event for modules that only need to know.
/// </summary>
public interface IResellerMergeStep
{
    /// <summary>One line per thing the step would move, shown in the merge preview; changes nothing.</summary>
    Task<IReadOnlyList<string>> PreviewAsync(Guid fromResellerId, CancellationToken cancellationToken);

    /// <summary>Moves the merging reseller's rows into the surviving one.</summary>
    Task MoveAsync(Guid fromResellerId, Guid intoResellerId, CancellationToken cancellationToken);
}
