using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>Solutions of every workspace the member sees, filtered by tag (C12); create and import for builders and consultants.</summary>
public sealed class IndexModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library) : PageModel
{
    public sealed record WorkspaceRow(Guid Id, string Name, SolutionRight Right, bool MayCreate, bool IsRecipes, IReadOnlyList<Solution> Solutions);

    public IReadOnlyList<WorkspaceRow> Workspaces { get; private set; } = [];

    public IReadOnlyList<string> AllTags { get; private set; } = [];

    public string? Tag { get; private set; }

    public IReadOnlyList<PackageError> Errors { get; private set; } = [];

    public int PendingShares { get; private set; }

    /// <summary>Archived solutions the member sees, listed apart (S4: hidden, kept, restorable).</summary>
    public IReadOnlyList<Solution> Archived { get; private set; } = [];

    /// <summary>Recipe updates waiting for an admin's answer (S7).</summary>
    public int PendingUpdates { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>What the last action did (a workspace move lands here), kept short.</summary>
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? tag, string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: > 0 and <= 300 } ? message : null;
        await LoadAsync(tag, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid workspaceId, string? name, string? tags, CancellationToken cancellationToken)
    {
        if (!await access.MayCreateInAsync(workspaceId, cancellationToken)) return StatusCode(StatusCodes.Status403Forbidden);
        var package = new SolutionPackage { Name = name?.Trim() ?? string.Empty, Tags = (tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(), Definition = SolutionLibrary.StarterDefinition() };
        var result = PackageReader.Read(PackageWriter.Write(package));
        if (!result.IsValid) return await FailAsync(result.Errors, cancellationToken);
        var solution = library.Create(workspaceId, result.Package!);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{solution.Id}/builder");
    }

    public async Task<IActionResult> OnPostImportAsync(Guid workspaceId, IFormFile? package, CancellationToken cancellationToken)
    {
        if (!await access.MayCreateInAsync(workspaceId, cancellationToken)) return StatusCode(StatusCodes.Status403Forbidden);
        if (package is null || package.Length == 0) return await FailAsync([new PackageError("$", "choose a package file (.json)")], cancellationToken);
        if (package.Length > PackageReader.MaxBytes) return await FailAsync([new PackageError("$", $"the file is larger than {PackageReader.MaxBytes:N0} bytes")], cancellationToken);
        using var buffer = new MemoryStream();
        await package.CopyToAsync(buffer, cancellationToken);
        var result = PackageReader.Read(buffer.ToArray());
        if (!result.IsValid) return await FailAsync(result.Errors, cancellationToken);
        var solution = await library.ImportAsync(workspaceId, result.Package!, cancellationToken);
        return Redirect($"/solutions/{solution.Id}");
    }

    private async Task<IActionResult> FailAsync(IReadOnlyList<PackageError> errors, CancellationToken cancellationToken)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? tag, CancellationToken cancellationToken)
    {
        Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim();
        IsAdmin = await access.IsOrganizationAdminAsync(cancellationToken);
        var recipes = await db.Set<RecipeLibrary>().AsNoTracking().Select(r => r.WorkspaceId).ToListAsync(cancellationToken);
        var rows = (await access.SolutionsByWorkspaceAsync(cancellationToken))
            .Select(w => new WorkspaceRow(w.Workspace.Id, w.Workspace.Name, w.Right, w.MayCreate, recipes.Contains(w.Workspace.Id), w.Solutions))
            .ToList();

        Archived = rows.SelectMany(r => r.Solutions).Where(s => s.Status == SolutionStatus.Archived).OrderBy(s => s.Name).ToList();
        rows = rows.Select(r => r with { Solutions = r.Solutions.Where(s => s.Status != SolutionStatus.Archived).ToList() }).ToList();
        AllTags = rows.SelectMany(r => r.Solutions).SelectMany(s => s.TagList).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
        Workspaces = Tag is null ? rows : rows.Select(r => r with { Solutions = r.Solutions.Where(s => s.TagList.Contains(Tag, StringComparer.OrdinalIgnoreCase)).ToList() }).ToList();
        if (IsAdmin)
        {
            // Shares are the recipient's rows: the "Tenant" filter counts this organization's only.
            PendingShares = await db.Set<SolutionShare>().CountAsync(s => s.ImportedAt == null && s.DeclinedAt == null, cancellationToken);
            PendingUpdates = await db.Set<SolutionUpdate>().Where(SolutionUpdate.Waiting).CountAsync(cancellationToken);
        }
    }
}
