using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// The builder (S1): changes the draft one step at a time, each step checked by the same
/// <see cref="PackageReader"/> as an import; nothing reaches records until "Publish".
/// </summary>
public sealed partial class BuilderModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library) : SolutionPageModel(access)
{
    public override SolutionSection Section => SolutionSection.Builder;

    public SolutionDefinition Draft { get; private set; } = new();

    public IReadOnlyList<PackageError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Set when removing a field that holds data: the page asks again with the count.</summary>
    public (string Table, string Field, int Count)? ConfirmRemoval { get; private set; }

    [BindProperty]
    public string? Json { get; set; }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotKey();

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        Draft = PackageReader.ReadStoredDefinition(Solution.DraftJson);
        Message = message;
        return Page();
    }

    public Task<IActionResult> OnPostAddTableAsync(Guid id, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => draft.Tables.Add(new TableDefinition
        {
            Key = UniqueKey(name, draft.Tables.Select(t => t.Key)),
            Name = name?.Trim() ?? string.Empty,
            Fields = [new FieldDefinition { Key = "name", Name = "Name", Type = FieldType.Text }],
        }), cancellationToken);

    public Task<IActionResult> OnPostRenameTableAsync(Guid id, string table, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => { if (draft.Table(table) is { } t) t.Name = name?.Trim() ?? string.Empty; }, cancellationToken);

    public Task<IActionResult> OnPostMoveTableAsync(Guid id, string table, int by, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => Move(draft.Tables, draft.Table(table), by), cancellationToken);

    public Task<IActionResult> OnPostRemoveTableAsync(Guid id, string table, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => draft.Tables.RemoveAll(t => t.Key == table), cancellationToken);

    public Task<IActionResult> OnPostAddFieldAsync(Guid id, string table, string? name, string? type, string? options, string? currency, string? linkTable, bool required, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft =>
        {
            if (draft.Table(table) is not { } t) return;
            var fieldType = FieldTypeNames.ByName.GetValueOrDefault(type ?? string.Empty, FieldType.Text);
            t.Fields.Add(new FieldDefinition
            {
                Key = UniqueKey(name, t.Fields.Select(f => f.Key)),
                Name = name?.Trim() ?? string.Empty,
                Type = fieldType,
                Required = required,
                Options = fieldType == FieldType.Choice ? (options ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() : null,
                Currency = fieldType == FieldType.Money ? (currency ?? "EUR").Trim().ToUpperInvariant() : null,
                Table = fieldType == FieldType.Link ? linkTable : null,
            });
        }, cancellationToken);

    public Task<IActionResult> OnPostRenameFieldAsync(Guid id, string table, string field, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => { if (draft.Table(table)?.Field(field) is { } f) f.Name = name?.Trim() ?? string.Empty; }, cancellationToken);

    public Task<IActionResult> OnPostMoveFieldAsync(Guid id, string table, string field, int by, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => { if (draft.Table(table) is { } t) Move(t.Fields, t.Field(field), by); }, cancellationToken);

    public async Task<IActionResult> OnPostRemoveFieldAsync(Guid id, string table, string field, bool confirmed, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var count = await db.Set<RecordValue>().CountAsync(v => v.SolutionId == id && v.TableKey == table && v.FieldKey == field && v.HasValue, cancellationToken);
        if (count > 0 && !confirmed)
        {
            Draft = PackageReader.ReadStoredDefinition(Solution.DraftJson);
            ConfirmRemoval = (table, field, count);
            return Page();
        }

        return await ChangeAsync(id, draft =>
        {
            if (draft.Table(table) is not { } t) return;
            t.Fields.RemoveAll(f => f.Key == field);
            foreach (var view in t.Views)
            {
                view.Columns.Remove(field);
                view.Filters.RemoveAll(f => f.Field == field);
                if (view.Sort?.Field == field) view.Sort = null;
            }
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostAddViewAsync(Guid id, string table, string? name, string? columns, string? sort, bool descending, string? filterField, string? filterOp, string? filterValue, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft =>
        {
            if (draft.Table(table) is not { } t) return;
            var view = new ViewDefinition
            {
                Key = UniqueKey(name, t.Views.Select(v => v.Key)),
                Name = name?.Trim() ?? string.Empty,
                Columns = (columns ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
                Sort = string.IsNullOrEmpty(sort) ? null : new ViewSort(sort, descending),
            };
            if (!string.IsNullOrEmpty(filterField) && Enum.GetValues<FilterOperator>().FirstOrDefault(o => FieldTypeNames.NameOf(o) == filterOp) is var op)
                view.Filters.Add(new ViewFilter(filterField, op, string.IsNullOrEmpty(filterValue) ? null : filterValue));
            t.Views.Add(view);
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveViewAsync(Guid id, string table, string view, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => draft.Table(table)?.Views.RemoveAll(v => v.Key == view), cancellationToken);

    public Task<IActionResult> OnPostAddRuleAsync(Guid id, string table, string? name, string? trigger, string? whenField, string? whenValue,
        string? action, string? toField, string? to, string? subject, string? body, string? setField, string? setValue, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft =>
        {
            var email = action != "setField";
            draft.Rules.Add(new AutomationRule
            {
                Key = UniqueKey(name, draft.Rules.Select(r => r.Key)),
                Name = name?.Trim() ?? string.Empty,
                Table = table,
                Trigger = Enum.GetValues<RuleTrigger>().FirstOrDefault(t => FieldTypeNames.NameOf(t) == trigger),
                When = string.IsNullOrEmpty(whenField) ? null : new RuleCondition(whenField, whenValue ?? string.Empty),
                Action = email
                    ? new RuleAction { Type = RuleActionType.Email, ToField = string.IsNullOrEmpty(to) ? toField : null, To = string.IsNullOrEmpty(to) ? null : to.Trim(), Subject = subject, Body = body }
                    : new RuleAction { Type = RuleActionType.SetField, Field = setField, Value = setValue },
            });
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveRuleAsync(Guid id, string rule, CancellationToken cancellationToken) =>
        ChangeAsync(id, draft => draft.Rules.RemoveAll(r => r.Key == rule), cancellationToken);

    /// <summary>The whole draft as JSON, for what the forms do not cover; the same validation applies.</summary>
    public async Task<IActionResult> OnPostJsonAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var result = PackageReader.Read(Json ?? string.Empty);
        if (!result.IsValid) return Fail(PackageReader.ReadStoredDefinition(Solution.DraftJson), result.Errors);
        var errors = await library.SaveDraftAsync(Solution, result.Package!.Definition, cancellationToken);
        return errors.Count > 0 ? Fail(result.Package.Definition, errors) : Redirect($"/solutions/{id}/builder?message=Saved.");
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Action<SolutionDefinition> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Build, cancellationToken) is { } denied) return denied;
        var draft = PackageReader.ReadStoredDefinition(Solution.DraftJson);
        change(draft);
        var errors = await library.SaveDraftAsync(Solution, draft, cancellationToken);
        return errors.Count > 0 ? Fail(PackageReader.ReadStoredDefinition(Solution.DraftJson), errors) : Redirect($"/solutions/{id}/builder?message=Saved.");
    }

    private IActionResult Fail(SolutionDefinition draft, IReadOnlyList<PackageError> errors)
    {
        Draft = draft;
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static void Move<T>(List<T> list, T? item, int by) where T : class
    {
        if (item is null) return;
        var from = list.IndexOf(item);
        var to = Math.Clamp(from + Math.Sign(by), 0, list.Count - 1);
        list.RemoveAt(from);
        list.Insert(to, item);
    }

    /// <summary>A key from a display name ("Date of birth" → date_of_birth), unique among its siblings.</summary>
    private static string UniqueKey(string? name, IEnumerable<string> taken)
    {
        var baseKey = NotKey().Replace((name ?? string.Empty).Trim().ToLowerInvariant(), "_").Trim('_');
        if (baseKey.Length == 0 || !char.IsAsciiLetterLower(baseKey[0])) baseKey = "f_" + baseKey;
        if (baseKey.Length > 34) baseKey = baseKey[..34];
        var existing = taken.ToHashSet(StringComparer.Ordinal);
        var key = baseKey;
        for (var i = 2; existing.Contains(key); i++) key = $"{baseKey}_{i}";
        return key;
    }
}
