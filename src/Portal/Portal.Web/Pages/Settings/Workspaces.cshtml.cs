using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// The organization's workspaces (C11, C12), for its admins: create, rename, archive and restore.
/// A workspace's people are managed on its own page. Ids of other organizations' workspaces find nothing (404).
/// </summary>
public sealed class WorkspacesModel(WorkspaceSettings workspaces) : PageModel
{
    public IReadOnlyList<Workspace> Active { get; private set; } = [];

    public IReadOnlyList<Workspace> Archived { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> Headcounts { get; private set; } = new Dictionary<Guid, int>();

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The new workspace's name, kept when it is refused.</summary>
    public string? NewName { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 300 } ? message : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken cancellationToken)
    {
        var (_, outcome) = await workspaces.CreateAsync(name, cancellationToken);
        NewName = name;
        return await AnswerAsync(outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid workspaceId, string? name, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(workspaceId, cancellationToken) is { } workspace
            ? await AnswerAsync(await workspaces.RenameAsync(workspace, name, cancellationToken), cancellationToken)
            : NotFound();

    public async Task<IActionResult> OnPostArchiveAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(workspaceId, cancellationToken) is { } workspace
            ? await AnswerAsync(await workspaces.ArchiveAsync(workspace, cancellationToken), cancellationToken)
            : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await workspaces.FindArchivedAsync(workspaceId, cancellationToken) is { } workspace
            ? await AnswerAsync(await workspaces.RestoreAsync(workspace, cancellationToken), cancellationToken)
            : NotFound();

    private async Task<IActionResult> AnswerAsync(WorkspaceOutcome outcome, CancellationToken cancellationToken)
    {
        if (!outcome.Refused) return RedirectToPage(new { message = outcome.Message });
        Error = outcome.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Active = await workspaces.ListAsync(archived: false, cancellationToken);
        Archived = await workspaces.ListAsync(archived: true, cancellationToken);
        Headcounts = await workspaces.HeadcountsAsync(cancellationToken);
    }
}
