using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// The organization's start page. Owners and admins go straight to the admin pages (R12);
/// members see their workspaces.
/// </summary>
[RequireMembership]
public sealed class DashboardModel(PortalDbContext db, CurrentMember member) : PageModel
{
    public sealed record WorkspaceRow(string Name, WorkspaceRole Role);

    public IReadOnlyList<WorkspaceRow> Workspaces { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var membership = (await member.GetAsync(cancellationToken))!;
        // A reseller's start page is its client dashboard (R4).
        if (HttpContext.Tenancy()!.Tenant!.Kind == OrganizationKind.Partner) return Redirect("/clients");
        if (membership.Role >= OrganizationRole.Admin) return Redirect("/settings");

        Workspaces = await db.WorkspaceMemberships.AsNoTracking()
            .Where(m => m.UserId == membership.UserId)
            .OrderBy(m => m.Workspace!.Name)
            .Select(m => new WorkspaceRow(m.Workspace!.Name, m.Role))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
