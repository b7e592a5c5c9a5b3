namespace PartnerPortal.Modularity;

/// <summary>A solution as other modules see it: enough to name it and link to it, nothing of its data.</summary>
/// <param name="Suspended">How the solution is suspended (C9) in words ("read-only"), or null while it runs normally.</param>
public sealed record SolutionSummary(Guid Id, string Name, Guid WorkspaceId, Guid BuiltByUserId, string? Suspended);

/// <summary>
/// A listing a partner published in the Solution Center (S6), as other modules see it: only what the
/// publisher chose to show (its name and industry), never anything of the records behind it.
/// <paramref name="Path"/> is its public page on the platform host, so other modules link to it without knowing the route.
/// </summary>
public sealed record SolutionListingSummary(Guid Id, Guid PublisherId, string Name, string Industry, int Installs, string Path);

/// <summary>
/// What other modules may ask of the solutions module (it implements this; without it installed
/// the kernel's stand-in knows no solutions). Works in the current organization, like the tenant
/// filter: a caller that means another organization switches to it first.
/// </summary>
public interface ISolutionCatalog
{
    /// <summary>The solutions <paramref name="userId"/> built in the current organization.</summary>
    Task<IReadOnlyList<SolutionSummary>> BuiltByAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the given solutions of the current organization, definition only, into the recipe
    /// library of <paramref name="partnerId"/> (made when it has none), each naming where it came
    /// from (C5: nothing a consultant built is lost to them). Returns how many were copied.
    /// </summary>
    Task<int> CopyToRecipeLibraryAsync(IReadOnlyCollection<Guid> solutionIds, Guid partnerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Solution Center listings published now, of every organization (they are public, so this
    /// one reads across organizations), or only of <paramref name="publisherIds"/> when given.
    /// </summary>
    Task<IReadOnlyList<SolutionListingSummary>> PublishedListingsAsync(IReadOnlyCollection<Guid>? publisherIds = null, CancellationToken cancellationToken = default);
}

/// <summary>The stand-in when no module keeps solutions: there are none to list or copy.</summary>
public sealed class NoSolutions : ISolutionCatalog
{
    public Task<IReadOnlyList<SolutionSummary>> BuiltByAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SolutionSummary>>([]);

    public Task<int> CopyToRecipeLibraryAsync(IReadOnlyCollection<Guid> solutionIds, Guid partnerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    public Task<IReadOnlyList<SolutionListingSummary>> PublishedListingsAsync(IReadOnlyCollection<Guid>? publisherIds = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SolutionListingSummary>>([]);
}
