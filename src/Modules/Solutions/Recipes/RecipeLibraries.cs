using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Recipes;

/// <summary>
/// S2: the workspaces a partner keeps its recipes in. A recipe library is an internal workspace:
/// like any workspace it is seen by the organization's admins and the people added to it, so a
/// client's people working in the partner's other workspaces (C12 model 1) never see it.
/// Recipes are duplicated from it into clients' workspaces of the same organization (S3).
/// </summary>
public sealed class RecipeLibraries(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const string DefaultName = "Recipes";

    public Task<bool> IsLibraryAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        db.Set<RecipeLibrary>().AnyAsync(r => r.WorkspaceId == workspaceId, cancellationToken);

    public async Task<string> MarkAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (await IsLibraryAsync(workspace.Id, cancellationToken)) return $"{workspace.Name} is a recipe library already.";
        db.Add(new RecipeLibrary { WorkspaceId = workspace.Id });
        audit.Record("recipes.library_marked", workspace.Name);
        await db.SaveChangesAsync(cancellationToken);
        return $"{workspace.Name} is your recipe library: keep your recipes there and duplicate them into your clients' workspaces.";
    }

    public async Task<string> UnmarkAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var marks = await db.Set<RecipeLibrary>().Where(r => r.WorkspaceId == workspace.Id).ToListAsync(cancellationToken);
        if (marks.Count == 0) return $"{workspace.Name} is not a recipe library.";
        db.RemoveRange(marks);
        audit.Record("recipes.library_unmarked", workspace.Name);
        await db.SaveChangesAsync(cancellationToken);
        return $"{workspace.Name} is an ordinary workspace again; its solutions stay where they are.";
    }

    /// <summary>
    /// The current organization's recipe library (its first active one), added to the unit of work
    /// when there is none: a workspace named "Recipes" (numbered when the name is taken), marked.
    /// </summary>
    public async Task<Guid> FindOrAddAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<RecipeLibrary>()
            .Join(db.Workspaces.Where(w => w.ArchivedAt == null), r => r.WorkspaceId, w => w.Id, (r, w) => new { w.Id, w.CreatedAt })
            .OrderBy(w => w.CreatedAt).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id) return id;
        var taken = (await db.Workspaces.Select(w => w.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = DefaultName;
        for (var i = 2; taken.Contains(name); i++) name = $"{DefaultName} ({i})";
        var workspace = new Workspace { Name = name, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Workspaces.Add(workspace);
        db.Add(new RecipeLibrary { WorkspaceId = workspace.Id });
        audit.Record("recipes.library_marked", $"{name} (made for recipes copied in)");
        return workspace.Id;
    }
}
