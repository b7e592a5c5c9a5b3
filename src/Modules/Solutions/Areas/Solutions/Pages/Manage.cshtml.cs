using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Recipes;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>Managing a solution, for builders only: publish, name and tags, assigned members, export, duplicate, move and send a copy.</summary>
public sealed class ManageModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecipeUpdates updates, SolutionRemoval removal, AuditLog audit, TimeProvider time) : SolutionPageModel(access)
{
    private readonly SolutionAccess _access = access;

    public SolutionDefinition? Published { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> OtherWorkspaces { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> LinkedOrganizations { get; private set; } = [];

    /// <summary>Assigned members and the client tag their records are limited to (null: all records).</summary>
    public IReadOnlyList<(Guid UserId, string Email, string? ClientTag)> Assigned { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public bool HasUnpublishedChanges { get; private set; }

    public int GraceDays => removal.GraceDays;

    /// <summary>S4, S7: where copies of this solution went, which version each runs and what became of the last update.</summary>
    public IReadOnlyList<RecipeCopy> Copies { get; private set; } = [];

    /// <summary>Every update pushed to each copy row, newest first (S7: the owner's history of a copy).</summary>
    public ILookup<Guid, PushedUpdate> History { get; private set; } = Array.Empty<PushedUpdate>().ToLookup(u => u.CopyRowId);

    /// <summary>An update of this copy waiting for an admin (S7).</summary>
    public SolutionUpdate? PendingUpdate { get; private set; }

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
        if (Solution.ProtectedBy is not null) return await RefuseProtectedAsync(ProtectedAction.Export, cancellationToken);
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
        if (Solution.ProtectedBy is not null) return await RefuseProtectedAsync(ProtectedAction.Duplicate, cancellationToken);
        if (!await _access.MayCreateInAsync(workspaceId, cancellationToken)) return await FailAsync("Choose a workspace where you can build.", cancellationToken);
        var copy = await library.DuplicateAsync(Solution, workspaceId, HttpContext.Tenancy()!.Tenant!, cancellationToken);
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
        if (Solution.ProtectedBy is not null) return await RefuseProtectedAsync(ProtectedAction.Send, cancellationToken);
        var tenant = HttpContext.Tenancy()!.Tenant!;
        if (!await LinkedAsync(tenant.Id).AnyAsync(o => o.Id == organizationId, cancellationToken)
            || await library.RecipientAsync(organizationId, cancellationToken) is not { } recipient)
            return await FailAsync("You can send a copy only to an organization you serve or that serves you.", cancellationToken);
        await library.SendCopyAsync(Solution, tenant, recipient, cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString("The copy was sent; their admin can preview and import it.")}");
    }

    /// <summary>S7: pushes the published version to the chosen copies; ids not of this recipe's copy rows in this organization match nothing.</summary>
    public async Task<IActionResult> OnPostPushAsync(Guid id, Guid[]? copyIds, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        if (Solution.CurrentVersion is null) return await FailAsync("Publish a version first: updates carry published versions.", cancellationToken);
        if (copyIds is not { Length: > 0 }) return await FailAsync("Choose at least one copy to update.", cancellationToken);
        var pushed = await updates.PushAsync(Solution, copyIds, cancellationToken);
        if (pushed == 0) return await FailAsync($"None of the chosen copies can take version {Solution.CurrentVersion}: they run it already, or were deleted.", cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"Version {Solution.CurrentVersion} was pushed to {pushed} cop{(pushed == 1 ? "y" : "ies")}; their admins are told and apply or decline it.")}");
    }

    /// <summary>S7: protect the copies of this recipe in other organizations (they get it with the next copy or update), or stop protecting them.</summary>
    public async Task<IActionResult> OnPostProtectAsync(Guid id, bool protect, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        if (Solution.ProtectedBy is not null) return await RefuseProtectedAsync(ProtectedAction.Protect, cancellationToken);
        Solution.ProtectsCopies = protect;
        audit.Record(protect ? "solution.protected" : "solution.unprotected", Solution.Name);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString(protect
            ? "Copies are protected: new copies arrive protected, and copies you update become protected."
            : "Copies are no longer protected once they get your next copy or update.")}");
    }

    /// <summary>S4: archive hides the solution from the lists and keeps everything; unarchive brings it back.</summary>
    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archive, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        await removal.ArchiveAsync(Solution, archive, cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString(archive
            ? $"{Solution.Name} is archived: hidden from the solutions list, every record kept. Unarchive it here at any time."
            : $"{Solution.Name} is back in the solutions list.")}");
    }

    /// <summary>S4: deleting needs the name typed; the records are kept through the grace period and an admin can restore it until then.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, string? confirmName, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        if (await removal.DeleteAsync(Solution, confirmName, cancellationToken) is { } problem) return await FailAsync(problem, cancellationToken);
        return Redirect($"/solutions?message={Uri.EscapeDataString($"{Solution.Name} is deleted. Its records are kept until {Solution.PurgeAfter:yyyy-MM-dd}; restore it from Deleted solutions until then.")}");
    }

    /// <summary>
    /// Assigns a workspace member, with "All records" (no client tag) or one of the solution's client
    /// tags (C12 model 1: one solution shared by several clients' people); assigning someone again changes it.
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(Guid id, string? email, string? clientTag, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var normalized = email?.Trim().ToUpperInvariant();
        // Only people of this workspace: the tenant filter limits workspace memberships to this organization.
        var person = await db.WorkspaceMemberships.Where(m => m.WorkspaceId == Solution.WorkspaceId && m.User!.NormalizedEmail == normalized)
            .Select(m => new { m.UserId, m.User!.Email }).FirstOrDefaultAsync(cancellationToken);
        if (person is null) return await FailAsync("That person is not a member of this solution's workspace.", cancellationToken);
        if (!TryClientTag(clientTag, out var tag)) return await FailAsync(NoSuchTag, cancellationToken);
        var assignment = await db.Set<SolutionAssignment>().FirstOrDefaultAsync(a => a.SolutionId == id && a.UserId == person.UserId, cancellationToken);
        if (assignment is null) db.Add(new SolutionAssignment { SolutionId = id, UserId = person.UserId, ClientTag = tag });
        else assignment.ClientTag = tag;
        audit.Record(assignment is null ? "solution.member_assigned" : "solution.assignment_changed", $"{Solution.Name}: {person.Email}, {Sees(tag)}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"{person.Email} is assigned to {Solution.Name} and sees {Sees(tag)}.")}");
    }

    /// <summary>Changes which records an assigned person sees: all of them, or only those of one client tag.</summary>
    public async Task<IActionResult> OnPostRecordsAsync(Guid id, Guid userId, string? clientTag, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var assignment = await db.Set<SolutionAssignment>().FirstOrDefaultAsync(a => a.SolutionId == id && a.UserId == userId, cancellationToken);
        if (assignment is null) return NotFound();
        if (!TryClientTag(clientTag, out var tag)) return await FailAsync(NoSuchTag, cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? "The person";
        assignment.ClientTag = tag;
        audit.Record("solution.assignment_changed", $"{Solution.Name}: {email}, {Sees(tag)}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"{email} now sees {Sees(tag)} of {Solution.Name}.")}");
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var assignment = await db.Set<SolutionAssignment>().FirstOrDefaultAsync(a => a.SolutionId == id && a.UserId == userId, cancellationToken);
        if (assignment is null) return NotFound();
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        db.Remove(assignment);
        audit.Record("solution.member_unassigned", $"{Solution.Name}: {email}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/solutions/{id}/manage?message={Uri.EscapeDataString($"{email} is no longer assigned to {Solution.Name}.")}");
    }

    /// <summary>What an assignment lets the person see, in the partner's words.</summary>
    public static string Sees(string? clientTag) => clientTag is null ? "all records" : $"only records tagged {clientTag}";

    private const string NoSuchTag = "Choose “All records” or one of this solution's client tags (set them under Name and tags).";

    /// <summary>Empty means "All records"; anything else must be one of the solution's own tags, as the solution spells it.</summary>
    private bool TryClientTag(string? input, out string? tag)
    {
        tag = null;
        if (string.IsNullOrWhiteSpace(input)) return true;
        tag = Solution.TagList.FirstOrDefault(t => string.Equals(t, input.Trim(), StringComparison.Ordinal));
        return tag is not null;
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

    /// <summary>A forged post for an action a protected copy hides: refused, nothing happens.</summary>
    private Task<IActionResult> RefuseProtectedAsync(ProtectedAction action, CancellationToken cancellationToken) =>
        FailAsync(SolutionAccess.ProtectedRefusal(Solution.ProtectedBy!, action), cancellationToken, StatusCodes.Status403Forbidden);

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken, int status = StatusCodes.Status422UnprocessableEntity)
    {
        Error = error;
        Response.StatusCode = status;
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

        Copies = await updates.CopiesAsync(Solution.Id, cancellationToken);
        History = await updates.HistoryAsync(Copies, cancellationToken);
        PendingUpdate = await updates.PendingForAsync(Solution.Id, cancellationToken);
        Assigned = (await db.Set<SolutionAssignment>().Where(a => a.SolutionId == Solution.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a.UserId, u.Email, a.ClientTag }).ToListAsync(cancellationToken)).Select(a => (a.UserId, a.Email ?? string.Empty, a.ClientTag)).ToList();
    }
}
