using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Suspension;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Recipes;

/// <summary>
/// What other modules may ask of solutions (the kernel's <see cref="ISolutionCatalog"/>): who built
/// what here, and copies of a consultant's solutions into their partner's recipe library when their
/// seat ends (C5: nothing they built is lost to them).
/// </summary>
public sealed class SolutionCatalog(PortalDbContext db, SolutionLibrary library, Center.SolutionCenter center, RecipeLibraries recipes, ITenantContext tenants, ITenantStore store, AuditLog audit, TimeProvider time) : ISolutionCatalog
{
    public async Task<IReadOnlyList<SolutionSummary>> BuiltByAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await db.Set<Solution>().AsNoTracking().Where(s => s.CreatedByUserId == userId && s.DeletedAt == null).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.WorkspaceId, s.CreatedByUserId, s.Suspension }).ToListAsync(cancellationToken))
        .Select(s => new SolutionSummary(s.Id, s.Name, s.WorkspaceId, s.CreatedByUserId, s.Suspension is { } mode ? SolutionSuspensions.Words(mode) : null))
        .ToList();

    /// <summary>
    /// Saves the current organization's pending changes, then, in the same transaction (the caller's
    /// when there is one), adds each solution's published definition to the partner's recipe library
    /// as a recipe built by the solution's builder, naming this organization, the solution and its
    /// version; a builder who is one of the partner's people gets a seat in the library to open them.
    /// </summary>
    public async Task<int> CopyToRecipeLibraryAsync(IReadOnlyCollection<Guid> solutionIds, Guid partnerId, CancellationToken cancellationToken = default)
    {
        var client = tenants.Current ?? throw new InvalidOperationException("Solutions are copied out of the current organization.");
        if (solutionIds.Count == 0 || partnerId == client.Id) return 0;
        var partner = await store.FindByIdAsync(partnerId, cancellationToken);
        if (partner is null) return 0;
        // The "Tenant" filter: ids of other organizations' solutions copy nothing.
        var solutions = await db.Set<Solution>().AsNoTracking().Where(s => solutionIds.Contains(s.Id) && s.DeletedAt == null).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        if (solutions.Count == 0) return 0;
        var copies = new List<(Solutions.Definition.SolutionPackage Package, Guid BuiltBy)>();
        foreach (var solution in solutions) copies.Add((await library.PackageAsync(solution, client.Name, cancellationToken), solution.CreatedByUserId));

        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(partner))
        {
            var libraryId = await recipes.FindOrAddAsync(cancellationToken);
            foreach (var (package, builtBy) in copies) library.AddPublished(libraryId, package, builtBy);
            var builders = copies.Select(c => c.BuiltBy).Distinct().ToList();
            var partnersPeople = await db.Memberships.Where(m => builders.Contains(m.UserId) && m.DeactivatedAt == null).Select(m => m.UserId).ToListAsync(cancellationToken);
            var seated = await db.WorkspaceMemberships.Where(m => m.WorkspaceId == libraryId).Select(m => m.UserId).ToListAsync(cancellationToken);
            foreach (var builder in partnersPeople.Except(seated))
            {
                db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = libraryId, UserId = builder, Role = WorkspaceRole.Member, CreatedAt = time.GetUtcNow().UtcDateTime });
            }

            audit.Record("recipes.copied_in", $"{copies.Count} from {client.Name}: {string.Join(", ", copies.Select(c => c.Package.Name))}");
            await db.SaveChangesAsync(cancellationToken);
        }

        if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        return copies.Count;
    }

    public Task<IReadOnlyList<SolutionListingSummary>> PublishedListingsAsync(IReadOnlyCollection<Guid>? publisherIds = null, CancellationToken cancellationToken = default) =>
        center.PublishedAsync(publisherIds, cancellationToken);
}
