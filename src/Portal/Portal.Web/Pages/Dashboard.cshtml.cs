using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// The organization's home: what the host and each module show this member first (their apps,
/// usage against the plan, recent activity), never a redirect to somewhere else.
/// </summary>
public sealed class DashboardModel(Shell shell) : PageModel
{
    public IReadOnlyList<ShellSection> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sections = await shell.HomeSectionsAsync(cancellationToken);
}
