using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions;

/// <summary>
/// Solutions' part of a reseller merge (R11): the merging reseller's Recipes workspaces move with
/// everything in them to the surviving reseller and stay Recipes workspaces there. The merge has
/// already checked the user's rights and holds the transaction, so this uses the transfer's move
/// without per-user checks. A name the survivor already uses becomes "Recipes from {reseller}".
/// </summary>
public sealed class RecipesMergeStep(PortalDbContext db, ITenantContext tenants, ITenantStore store, WorkspaceTransfer transfer) : IResellerMergeStep
{
    private const int NameLimit = 200;

    private sealed record RecipeWorkspace(Guid Id, string Name, int Solutions);

    public async Task<IReadOnlyList<string>> PreviewAsync(Guid fromResellerId, CancellationToken cancellationToken) =>
        (await RecipeWorkspacesAsync(fromResellerId, cancellationToken))
            .Select(w => $"Recipes workspace \"{w.Name}\" ({w.Solutions} {(w.Solutions == 1 ? "solution" : "solutions")})").ToList();

    public async Task MoveAsync(Guid fromResellerId, Guid intoResellerId, CancellationToken cancellationToken)
    {
        var workspaces = await RecipeWorkspacesAsync(fromResellerId, cancellationToken);
        if (workspaces.Count == 0) return;
        var source = await store.FindByIdAsync(fromResellerId, cancellationToken) ?? throw new InvalidOperationException("The merging reseller disappeared.");
        var target = await store.FindByIdAsync(intoResellerId, cancellationToken) ?? throw new InvalidOperationException("The surviving reseller disappeared.");
        var names = await db.Workspaces.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(w => w.TenantId == intoResellerId || w.TenantId == fromResellerId).Select(w => new { w.TenantId, w.Name }).ToListAsync(cancellationToken);
        var inTarget = names.Where(n => n.TenantId == intoResellerId).Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var taken = names.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        using (tenants.Change(source))
        {
            foreach (var workspace in workspaces)
            {
                var name = workspace.Name;
                if (inTarget.Contains(name))
                {
                    name = FreeName($"Recipes from {source.Name}", taken);
                    await db.Workspaces.Where(w => w.Id == workspace.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, name), cancellationToken);
                }

                inTarget.Add(name);
                taken.Add(name);
                await transfer.MoveWorkspaceAsync(workspace.Id, target, keepRecipeMark: true, cancellationToken);
            }
        }
    }

    /// <summary>The wanted name cut to the column's length, numbered when the survivor or the merging reseller already uses it.</summary>
    private static string FreeName(string wanted, HashSet<string> taken)
    {
        var name = Fit(wanted, string.Empty);
        for (var i = 2; taken.Contains(name); i++) name = Fit(wanted, $" ({i})");
        return name;
    }

    private static string Fit(string wanted, string suffix) =>
        wanted.Length + suffix.Length <= NameLimit ? wanted + suffix : wanted[..(NameLimit - suffix.Length)] + suffix;

    private async Task<List<RecipeWorkspace>> RecipeWorkspacesAsync(Guid resellerId, CancellationToken cancellationToken)
    {
        var marked = await db.Set<RecipeLibrary>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.TenantId == resellerId).Select(r => r.WorkspaceId).ToListAsync(cancellationToken);
        var workspaces = await db.Workspaces.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(w => w.TenantId == resellerId && marked.Contains(w.Id)).OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        var counts = await db.Set<Solution>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.TenantId == resellerId && marked.Contains(s.WorkspaceId)).GroupBy(s => s.WorkspaceId)
            .Select(g => new { WorkspaceId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return workspaces.Select(w => new RecipeWorkspace(w.Id, w.Name, counts.FirstOrDefault(c => c.WorkspaceId == w.Id)?.Count ?? 0)).ToList();
    }
}
