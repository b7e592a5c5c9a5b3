using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Solutions.Recipes;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// S7: updates of recipes pushed to this organization's copies. An admin sees, table by table, what
/// an update adds, changes and removes and what happens to the records, resolves conflicts with the
/// copy's own changes, and applies or declines. Updates are this organization's rows: other ids are 404.
/// </summary>
public sealed class UpdatesModel(RecipeUpdates updates) : PageModel
{
    public IReadOnlyList<(SolutionUpdate Update, string CopyName)> Pending { get; private set; } = [];

    public UpdatePreview? Preview { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Choices { get; private set; } = new Dictionary<string, string>();

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? updateId, string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: > 0 and <= 300 } ? message : null;
        return await LoadAsync(updateId, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid updateId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(updateId, cancellationToken) is { } missing) return missing;
        Choices = Request.Form.Where(f => f.Key.StartsWith("c.", StringComparison.Ordinal)).ToDictionary(f => f.Key[2..], f => f.Value.ToString(), StringComparer.Ordinal);
        Errors = await updates.ApplyAsync(Preview!, Choices, cancellationToken);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/solutions/{Preview!.Copy.Id}?message={Uri.EscapeDataString($"Version {Preview.Update.ToVersion} of {Preview.Update.RecipeName} is applied; every record is kept.")}");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid updateId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(updateId, cancellationToken) is { } missing) return missing;
        await updates.DeclineAsync(Preview!, cancellationToken);
        return Redirect($"/solutions/updates?message={Uri.EscapeDataString($"You declined version {Preview!.Update.ToVersion} of {Preview.Update.RecipeName}; {Preview.Copy.Name} stays as it is and {Preview.Update.FromOrganizationName} sees that.")}");
    }

    private async Task<IActionResult?> LoadAsync(Guid? updateId, CancellationToken cancellationToken)
    {
        Pending = await updates.PendingAsync(cancellationToken);
        if (updateId is not { } id) return null;
        Preview = await updates.PreviewAsync(id, cancellationToken);
        if (Preview is not null) return null;
        // An older push that a newer one replaced (a link in an earlier e-mail, a stale tab): nothing is answered, the admin is sent to the newest.
        if (await updates.ReplacementAsync(id, cancellationToken) is not var (version, newest)) return NotFound();
        var why = $"That update was replaced by version {version}, so it cannot be applied or declined; nothing was changed.";
        return Redirect(newest is { } next
            ? $"/solutions/updates/{next.Id}?message={Uri.EscapeDataString($"{why} Review version {next.ToVersion} instead.")}"
            : $"/solutions/updates?message={Uri.EscapeDataString($"{why} The newer version was answered already.")}");
    }
}
