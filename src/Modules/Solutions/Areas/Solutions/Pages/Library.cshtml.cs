using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Recipes;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// S2: a partner's admins mark one of its workspaces as a recipe library, or unmark it; reached from
/// the workspace's menu. Shows who sees the library. Workspaces of other organizations and archived
/// ones are 404.
/// </summary>
public sealed class LibraryModel(PortalDbContext db, RecipeLibraries recipes) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public bool IsLibrary { get; private set; }

    /// <summary>Who sees it besides the organization's admins: the people of the workspace.</summary>
    public IReadOnlyList<string> People { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid workspaceId, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(workspaceId, cancellationToken) is { } missing) return missing;
        Message = message is { Length: <= 300 } ? message : null;
        return Page();
    }

    public async Task<IActionResult> OnPostMarkAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await LoadAsync(workspaceId, cancellationToken) ?? Done(await recipes.MarkAsync(Workspace, cancellationToken));

    public async Task<IActionResult> OnPostUnmarkAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await LoadAsync(workspaceId, cancellationToken) ?? Done(await recipes.UnmarkAsync(Workspace, cancellationToken));

    private RedirectResult Done(string message) => Redirect($"/solutions/workspaces/{Workspace.Id}/library?message={Uri.EscapeDataString(message)}");

    private async Task<IActionResult?> LoadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        // The "Tenant" filter keeps other organizations' workspaces out; archived ones are no one's.
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId && w.ArchivedAt == null, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        IsLibrary = await recipes.IsLibraryAsync(workspaceId, cancellationToken);
        People = await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId).Select(m => m.User!.Email!).OrderBy(e => e).ToListAsync(cancellationToken);
        return null;
    }
}
