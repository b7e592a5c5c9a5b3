using Microsoft.AspNetCore.Mvc;

namespace PartnerPortal.Solutions.Home;

/// <summary>The organization home's "Your apps": the solutions this member may open, by workspace.</summary>
public sealed class SolutionsHomeViewComponent(SolutionAccess access) : ViewComponent
{
    public sealed record App(Guid Id, string Name, string Workspace, bool Suspended);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var apps = (await access.SolutionsByWorkspaceAsync(HttpContext.RequestAborted))
            .SelectMany(w => w.Solutions.Select(s => new App(s.Id, s.Name, w.Workspace.Name, s.Suspension is not null)))
            .ToList();
        return View(apps);
    }
}
