using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>C12: move a workspace to another organization the admin also administers, after a preview of what moves and what stays.</summary>
public sealed class MoveWorkspaceModel(PortalDbContext db, WorkspaceTransfer transfer) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<Organization> Targets { get; private set; } = [];

    public WorkspaceMovePreview? Preview { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? To { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(workspaceId, cancellationToken) is { } missing) return missing;
        if (To is { } to)
        {
            Preview = await transfer.PreviewAsync(workspaceId, to, cancellationToken);
            if (Preview is null) return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(workspaceId, cancellationToken) is { } missing) return missing;
        Preview = To is { } to ? await transfer.PreviewAsync(workspaceId, to, cancellationToken) : null;
        if (Preview is null) return NotFound();
        if (Preview.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await transfer.MoveAsync(Preview, cancellationToken);
        return Redirect($"/solutions?message={Uri.EscapeDataString($"{Preview.Workspace.Name} moved to {Preview.Target.Name}.")}");
    }

    private async Task<IActionResult?> LoadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId && w.ArchivedAt == null, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        Targets = await transfer.TargetsAsync(cancellationToken);
        return null;
    }
}
