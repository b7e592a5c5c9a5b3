using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// Solutions other organizations sent here (S4): the admin previews tables, fields and rules and
/// imports into a workspace. Shares are the recipient's rows: the "Tenant" filter shows this organization's only.
/// </summary>
public sealed class SharesModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library) : PageModel
{
    public IReadOnlyList<SolutionShare> Pending { get; private set; } = [];

    public SolutionShare? Selected { get; private set; }

    public SolutionPackage? Package { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Workspaces { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? preview, string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: > 0 and <= 300 } ? message : null;
        await LoadAsync(cancellationToken);
        if (preview is { } id)
        {
            Selected = Pending.FirstOrDefault(s => s.Id == id);
            if (Selected is null) return NotFound();
            Package = PackageReader.Read(Selected.PackageJson).Package;
            await library.MarkPreviewedAsync(Selected, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid shareId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var share = await MineAsync(shareId, cancellationToken);
        if (share is null) return NotFound();
        if (await access.WorkspaceRightAsync(workspaceId, cancellationToken) < SolutionRight.Build) return NotFound();
        var result = PackageReader.Read(share.PackageJson);
        if (!result.IsValid) return NotFound();
        var solution = await library.ImportShareAsync(share, workspaceId, result.Package!, cancellationToken);
        return Redirect($"/solutions/{solution.Id}");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid shareId, CancellationToken cancellationToken)
    {
        var share = await MineAsync(shareId, cancellationToken);
        if (share is null) return NotFound();
        await library.DeclineShareAsync(share, cancellationToken);
        return Redirect($"/solutions/shares?message={Uri.EscapeDataString($"{share.Name} was declined; {share.FromOrganizationName} sees that.")}");
    }

    private async Task<SolutionShare?> MineAsync(Guid shareId, CancellationToken cancellationToken)
    {
        return await db.Set<SolutionShare>().FirstOrDefaultAsync(s => s.Id == shareId && s.ImportedAt == null && s.DeclinedAt == null, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Pending = await db.Set<SolutionShare>().AsNoTracking().Where(s => s.ImportedAt == null && s.DeclinedAt == null).OrderByDescending(s => s.CreatedAt).ToListAsync(cancellationToken);
        Workspaces = (await access.WorkspacesAsync(cancellationToken)).Where(w => w.Right == SolutionRight.Build).Select(w => (w.Workspace.Id, w.Workspace.Name)).ToList();
    }
}
