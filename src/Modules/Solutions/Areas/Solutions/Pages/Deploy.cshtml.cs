using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Deployment;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// C7: deploy a copy of a solution built here into a client's workspace where the consultant holds
/// a seat: choose the workspace, see what the copy creates, deploy. Builders only; every target is
/// checked against the user's seats on the server, so a forged workspace id creates nothing.
/// </summary>
public sealed class DeployModel(SolutionAccess access, SolutionLibrary library, SolutionDeployment deployment) : SolutionPageModel(access)
{
    public override SolutionSection Section => SolutionSection.Manage;

    public IReadOnlyList<DeployTarget> Targets { get; private set; } = [];

    public DeployTarget? Target { get; private set; }

    public SolutionPackage? Package { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? to, string? message, CancellationToken cancellationToken)
    {
        if (await LoadDeploymentAsync(id, cancellationToken) is { } denied) return denied;
        Message = message is { Length: <= 300 } ? message : null;
        return to is { } workspaceId ? await PreviewAsync(workspaceId, cancellationToken) : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid to, CancellationToken cancellationToken)
    {
        if (await LoadDeploymentAsync(id, cancellationToken) is { } denied) return denied;
        if (await deployment.TargetAsync(to, cancellationToken) is not { } target) return Refuse();
        await deployment.DeployAsync(Solution, target, cancellationToken);
        return Redirect($"/solutions/{id}/deploy?message={Uri.EscapeDataString($"A copy of {Solution.Name} is in {target.WorkspaceName} of {target.OrganizationName} now, built by you.")}");
    }

    private async Task<IActionResult> PreviewAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        Target = Targets.FirstOrDefault(t => t.WorkspaceId == workspaceId);
        if (Target is null) return Refuse();
        Package = await library.PackageAsync(Solution, HttpContext.Tenancy()?.Tenant?.Name ?? string.Empty, cancellationToken);
        return Page();
    }

    private PageResult Refuse()
    {
        Error = "Choose one of the client workspaces listed: you can deploy only where you hold a consultant or workspace-admin seat.";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadDeploymentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        // S7: a protected copy is not sent on, by a deployment either: the page says why, in the organization's frame.
        if (Solution.ProtectedBy is { } by)
        {
            Error = SolutionAccess.ProtectedRefusal(by, ProtectedAction.Deploy);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Targets = await deployment.TargetsAsync(cancellationToken);
        return null;
    }
}
