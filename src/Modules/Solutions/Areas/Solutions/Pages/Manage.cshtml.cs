using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>Managing a solution, for builders only: publish, name and tags, assigned members, export, duplicate, move and send a copy.</summary>
public sealed class ManageModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, AuditLog audit, TimeProvider time) : SolutionPageModel(access)
{
    private readonly SolutionAccess _access = access;

    public SolutionDefinition? Published { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> OtherWorkspaces { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> LinkedOrganizations { get; private set; } = [];

    public IReadOnlyList<(Guid UserId, string Email)> Assigned { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public bool HasUnpublishedChanges { get; private set; }

    public override SolutionSection Section => SolutionSection.Manage;

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        Message = message;
        await FillAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetPackageAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var package = await library.PackageAsync(Solution, HttpContext.Tenancy()?.Tenant?.Name ?? string.Empty, cancellationToken);
        audit.Record("solution.exported", Solution.Name);
        await db.SaveChangesAsync(cancellationToken);
        var fileName = new string(Solution.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return File(Encoding.UTF8.GetBytes(PackageWriter.Write(package)), "application/json", $"{fileName}.solution.json");
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var version = await library.PublishAsync(Solution, cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"Version {version.Number} is published.")}");
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid id, string? name, string? tags, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > PackageReader.MaxNameLength) return await FailAsync($"Give the solution a name of 1 to {PackageReader.MaxNameLength} characters.", cancellationToken);
        Solution.Name = name;
        Solution.Tags = Solution.JoinTags((tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length <= 40));
        Solution.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message=Saved.");
    }

    public async Task<IActionResult> OnPostDuplicateAsync(Guid id, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        if (!await _access.MayCreateInAsync(workspaceId, cancellationToken)) return await FailAsync("Choose a workspace where you can build.", cancellationToken);
        var package = await library.PackageAsync(Solution, HttpContext.Tenancy()?.Tenant?.Name ?? string.Empty, cancellationToken);
        var copy = await library.ImportAsync(workspaceId, package, cancellationToken);
        return Redirect($"/solutions/{copy.Id}/manage?message={Uri.EscapeDataString("This is a copy; records were not copied.")}");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        if (workspaceId == Solution.WorkspaceId || !await _access.MayCreateInAsync(workspaceId, cancellationToken))
            return await FailAsync("Choose another workspace where you can build.", cancellationToken);
        var from = await db.Workspaces.Where(w => w.Id == Solution.WorkspaceId).Select(w => w.Name).FirstAsync(cancellationToken);
        var to = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).FirstAsync(cancellationToken);
        // C8: a move (a hand-over to another workspace) keeps records, versions and assignments, and
        // the consultant who built it keeps building it while they hold their seat here.
        Solution.WorkspaceId = workspaceId;
        audit.Record("solution.moved", $"{Solution.Name}: {from} → {to}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"Moved to {to}.")}");
    }

    /// <summary>S4: a copy goes only to an organization linked to this one as partner and client (checked here, on the server).</summary>
    public async Task<IActionResult> OnPostSendAsync(Guid id, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var tenant = HttpContext.Tenancy()!.Tenant!;
        if (!await LinkedAsync(tenant.Id).AnyAsync(o => o.Id == organizationId, cancellationToken)
            || await library.RecipientAsync(organizationId, cancellationToken) is not { } recipient)
            return await FailAsync("You can send a copy only to an organization you serve or that serves you.", cancellationToken);
        await library.SendCopyAsync(Solution, tenant, recipient, cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString("The copy was sent; their admin can preview and import it.")}");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, string? email, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var normalized = email?.Trim().ToUpperInvariant();
        // Only people of this workspace: the tenant filter limits workspace memberships to this organization.
        var userId = await db.WorkspaceMemberships.Where(m => m.WorkspaceId == Solution.WorkspaceId && m.User!.NormalizedEmail == normalized).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(cancellationToken);
        if (userId is null) return await FailAsync("That person is not a member of this solution's workspace.", cancellationToken);
        if (!await db.Set<SolutionAssignment>().AnyAsync(a => a.SolutionId == id && a.UserId == userId, cancellationToken))
        {
            db.Add(new SolutionAssignment { SolutionId = id, UserId = userId.Value });
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect($"/solutions/{id}/manage?message=Assigned.");
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        await db.Set<SolutionAssignment>().Where(a => a.SolutionId == id && a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message=Unassigned.");
    }

    public async Task<IActionResult> OnPostClearErrorAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        Solution.LastRuleError = null;
        Solution.LastRuleErrorAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}");
    }

    private IQueryable<Accounts.Organization> LinkedAsync(Guid me) =>
        db.Organizations.Where(o => db.PartnerClientLinks.Any(l => l.EndedAt == null && ((l.PartnerId == me && l.ClientId == o.Id) || (l.ClientId == me && l.PartnerId == o.Id))));

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await FillAsync(cancellationToken);
        return Page();
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        Published = await library.PublishedDefinitionAsync(Solution, cancellationToken);
        var currentJson = Solution.CurrentVersion is null ? null : PackageWriter.WriteDefinition(Published!);
        HasUnpublishedChanges = currentJson != Solution.DraftJson;
        OtherWorkspaces = (await _access.WorkspacesAsync(cancellationToken)).Where(w => w.MayCreate).Select(w => (w.Workspace.Id, w.Workspace.Name)).ToList();
        if (HttpContext.Tenancy()?.Tenant is { } tenant)
        {
            LinkedOrganizations = (await LinkedAsync(tenant.Id).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken)).Select(o => (o.Id, o.Name)).ToList();
        }

        Assigned = (await db.Set<SolutionAssignment>().Where(a => a.SolutionId == Solution.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a.UserId, u.Email }).ToListAsync(cancellationToken)).Select(a => (a.UserId, a.Email ?? string.Empty)).ToList();
    }
}
