using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;

namespace PartnerPortal.Web.Pages.Workspaces;

/// <summary>The workspaces the member may open (every active one for an organization admin), each with their role there.</summary>
public sealed class IndexModel(WorkspaceSettings workspaces) : PageModel
{
    public IReadOnlyList<(Workspace Workspace, WorkspaceRole? Role)> Rows { get; private set; } = [];

    public bool IsOrganizationAdmin { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await workspaces.MineAsync(cancellationToken);
        IsOrganizationAdmin = await workspaces.IsOrganizationAdminAsync(cancellationToken);
    }
}
