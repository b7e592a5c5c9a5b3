using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Pages.Workspaces;

/// <summary>
/// One workspace (C11): its menu (what the host and modules offer here, e.g. "Invite a consultant")
/// and its people. Its admins and the organization's add people of the organization, remove them
/// and set their roles; protected seats (a consultant's) are shown read-only. Other people of the
/// workspace see their own role only. A workspace of another organization, an archived one, or one
/// the member is not in is a 404.
/// </summary>
public sealed class WorkspaceModel(WorkspaceSettings workspaces, Shell shell) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public WorkspaceRole? MyRole { get; private set; }

    public bool MayManage { get; private set; }

    public bool IsOrganizationAdmin { get; private set; }

    public IReadOnlyList<NavItem> Actions { get; private set; } = [];

    public IReadOnlyList<WorkspacePerson> People { get; private set; } = [];

    public IReadOnlyList<(Guid UserId, string Email, string? Name)> Candidates { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing) return missing;
        Message = message is { Length: <= 300 } ? message : null;
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(Guid id, Guid userId, WorkspaceRole role, CancellationToken cancellationToken) =>
        ManageAsync(id, workspace => workspaces.AddAsync(workspace, userId, role, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(Guid id, Guid userId, WorkspaceRole role, CancellationToken cancellationToken) =>
        ManageAsync(id, workspace => workspaces.SetRoleAsync(workspace, userId, role, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        ManageAsync(id, workspace => workspaces.RemoveAsync(workspace, userId, cancellationToken), cancellationToken);

    private async Task<IActionResult> ManageAsync(Guid id, Func<Workspace, Task<WorkspaceOutcome>> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing) return missing;
        if (!MayManage) return StatusCode(StatusCodes.Status403Forbidden);
        var outcome = await change(Workspace);
        if (!outcome.Refused) return RedirectToPage(new { id, message = outcome.Message });
        Error = outcome.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await workspaces.FindAsync(id, cancellationToken) is not { } workspace) return NotFound();
        Workspace = workspace;
        IsOrganizationAdmin = await workspaces.IsOrganizationAdminAsync(cancellationToken);
        MyRole = await workspaces.RoleOfAsync(id, cancellationToken);
        if (MyRole is null && !IsOrganizationAdmin) return NotFound();
        MayManage = await workspaces.MayManageAsync(id, cancellationToken);
        Actions = await shell.WorkspaceActionsAsync(id, cancellationToken);
        // Only those who manage the workspace see who else is in it (C12: one client's people never see another's).
        People = MayManage ? await workspaces.PeopleAsync(id, cancellationToken) : [];
        Candidates = MayManage ? await workspaces.CandidatesAsync(id, cancellationToken) : [];
        return null;
    }
}
