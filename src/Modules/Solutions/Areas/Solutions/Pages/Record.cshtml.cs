using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>Create, edit or delete one record; every field is validated by type, messages beside the field, the form kept.</summary>
public sealed class RecordModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordStore store, RecordQuery query, RecordScope scope, IPlanLimits limits, PartnerPortal.Accounts.UndoTokens undo) : SolutionPageModel(access)
{
    public TableDefinition Table { get; private set; } = null!;

    public SolutionDefinition Definition { get; private set; } = null!;

    public SolutionRecord? Record { get; private set; }

    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary>Values an applied recipe update could not keep in a field (S7: the field was removed, or the value did not fit its new type), by field name.</summary>
    public IReadOnlyList<(string Field, string Value)> Kept { get; private set; } = [];

    /// <summary>The record's client tags (C12): ticked from the solution's tags, or typed.</summary>
    public List<string> ChosenTags { get; } = [];

    /// <summary>The client tag this viewer's records are limited to (C12): always on what they save, so the form shows it ticked and fixed.</summary>
    public string? ClientTag { get; private set; }

    /// <summary>Tags typed beside the solution's own, comma separated, as the form shows them.</summary>
    public string OtherTags { get; private set; } = string.Empty;

    public const int MaxTagLength = 40;

    /// <summary>Why a new record was refused by the plan's limit (R7); nothing was saved.</summary>
    public string? LimitMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string table, Guid? recordId, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, recordId, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        var values = Record is null ? [] : JsonNode.Parse(Record.ValuesJson) as JsonObject ?? [];
        foreach (var field in Table.Fields) Inputs[field.Key] = FieldValues.Display(field, values.TryGetPropertyValue(field.Key, out var v) ? v : null);
        if (values[Recipes.RecipeUpdates.KeptKey] is JsonObject kept) Kept = kept.Select(k => (k.Key, k.Value?.ToString() ?? string.Empty)).ToList();
        ShowTags(Record?.TagList ?? []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string table, Guid? recordId, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, recordId, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        var values = Record is null ? new JsonObject() : JsonNode.Parse(Record.ValuesJson) as JsonObject ?? [];
        foreach (var field in Table.Fields)
        {
            var input = Request.Form[$"f.{field.Key}"].ToString();
            if (field.Type == FieldType.Checkbox) input = string.IsNullOrEmpty(input) ? "no" : "yes";
            Inputs[field.Key] = input;
            if (!FieldValues.TryParse(field, input, out var value, out var problem)) Problems[field.Key] = problem!;
            else if (field.Type == FieldType.Link && value is not null && !await LinkExistsAsync(id, field, value, cancellationToken)) Problems[field.Key] = $"{field.Name} must name a record of {field.Table}.";
            else values[field.Key] = value;
        }

        var tags = ReadTags();
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (Record is null && await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Records, 1, cancellationToken) is { Allowed: false } refused)
        {
            LimitMessage = refused.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (Record is null) await store.TagAsync(Solution, (await store.AddAsync(Solution, Definition, Table, [values], cancellationToken))[0], tags, cancellationToken);
        else
        {
            await store.UpdateAsync(Solution, Definition, Table, Record, values, cancellationToken);
            await store.TagAsync(Solution, Record, tags, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Back(id, table, $"{Title(values.ToJsonString())} was {(Record is null ? "added" : "saved")}.");
    }

    public const string UndoPurpose = "record.deleted";

    /// <summary>What Undo needs to put a deleted record back as it was.</summary>
    public sealed record DeletedRecord(Guid RecordId, Guid SolutionId, string TableKey, string ValuesJson, DateTime CreatedAt, string Tags = "|");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, string table, Guid? recordId, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, recordId, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        if (Record is null) return NotFound();
        var deleted = new DeletedRecord(Record.Id, Record.SolutionId, Record.TableKey, Record.ValuesJson, Record.CreatedAt, Record.Tags);
        var title = Title(Record.ValuesJson);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.DeleteAsync(Record, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await limits.ReleasedAsync(db.CurrentTenantId!.Value, cancellationToken);
        var token = undo.Seal(UndoPurpose, db.CurrentTenantId!.Value, deleted);
        return Redirect($"/solutions/{id}/tables/{table}?message={Uri.EscapeDataString($"{title} was deleted.")}&undo={Uri.EscapeDataString(token)}");
    }

    /// <summary>Undo of a deletion: the same record back, within the undo's lifetime and the plan's limit.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid id, string table, string? token, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, null, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        var deleted = undo.Open<DeletedRecord>(token, UndoPurpose, db.CurrentTenantId!.Value);
        if (deleted is null || deleted.SolutionId != id || deleted.TableKey != Table.Key) return Back(id, table, "That deletion can no longer be undone.");
        if (await db.Set<SolutionRecord>().AnyAsync(r => r.Id == deleted.RecordId, cancellationToken)) return Back(id, table, "That record is back already.");
        if (await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Records, 1, cancellationToken) is { Allowed: false } refused) return Back(id, table, refused.Message!);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await store.RestoreAsync(Solution, Table, deleted.RecordId, deleted.ValuesJson, deleted.CreatedAt, deleted.Tags, cancellationToken)) return Back(id, table, "That deletion can no longer be undone.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Back(id, table, $"{Title(deleted.ValuesJson)} is back.");
    }

    /// <summary>
    /// The ticked tags and the typed ones, each spelled as the solution spells it (so the list's tag
    /// filter finds it), stored as <c>|a|b|</c>; a tag over <see cref="MaxTagLength"/> characters is a problem shown on the form.
    /// </summary>
    private string ReadTags()
    {
        var typed = Request.Form["otherTags"].ToString();
        var tags = Request.Form["tags"].Select(t => t ?? string.Empty).Concat(typed.Split(',')).Select(t => t.Trim().Replace("|", string.Empty, StringComparison.Ordinal)).Where(t => t.Length > 0)
            .Select(t => Solution.TagList.FirstOrDefault(known => string.Equals(known, t, StringComparison.OrdinalIgnoreCase)) ?? t).ToList();
        if (tags.Any(t => t.Length > MaxTagLength)) Problems[TagsKey] = $"A tag has at most {MaxTagLength} characters.";
        if (tags.Distinct(StringComparer.OrdinalIgnoreCase).Count() > MaxTags) Problems[TagsKey] = $"A record has at most {MaxTags} tags.";
        ShowTags(tags);
        if (Problems.ContainsKey(TagsKey)) OtherTags = typed;
        return Solution.JoinTags(tags);
    }

    /// <summary>Where a tag problem is kept among the fields' problems: a space is in no field key.</summary>
    public const string TagsKey = " tags";

    private const int MaxTags = 20;

    private void ShowTags(IEnumerable<string> tags)
    {
        ChosenTags.Clear();
        ChosenTags.AddRange(tags.Distinct(StringComparer.OrdinalIgnoreCase));
        OtherTags = string.Join(", ", ChosenTags.Where(t => !Solution.TagList.Contains(t, StringComparer.Ordinal)));
    }

    private static RedirectResult Back(Guid id, string table, string message) => new($"/solutions/{id}/tables/{table}?message={Uri.EscapeDataString(message)}");

    /// <summary>How the record is named in a message: its first field's value, quoted, or "The record".</summary>
    private string Title(string valuesJson)
    {
        var values = JsonNode.Parse(valuesJson) as JsonObject ?? [];
        var first = Table.Fields.FirstOrDefault();
        var text = first is null ? string.Empty : FieldValues.Display(first, values.TryGetPropertyValue(first.Key, out var v) ? v : null);
        return string.IsNullOrWhiteSpace(text) ? "The record" : $"“{(text.Length > 60 ? text[..60] + "…" : text)}”";
    }

    private async Task<bool> LinkExistsAsync(Guid solutionId, FieldDefinition field, JsonNode value, CancellationToken cancellationToken)
    {
        var target = Guid.Parse(value.GetValue<string>());
        return await query.ExistsAsync(solutionId, field.Table!, target, cancellationToken);
    }

    private async Task<IActionResult?> LoadRecordAsync(Guid id, string table, Guid? recordId, SolutionRight needed, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, needed, cancellationToken) is { } denied) return denied;
        ClientTag = await scope.ClientTagAsync(id, cancellationToken);
        Definition = await library.PublishedDefinitionAsync(Solution, cancellationToken) ?? new SolutionDefinition();
        if (Definition.Table(table) is not { } found) return NotFound();
        Table = found;
        if (recordId is { } rid)
        {
            // The tenant filter, the solution and table checks and the viewer's client tag (C12) keep ids of other organizations, solutions and clients out.
            Record = await query.FindAsync(id, table, rid, cancellationToken);
            if (Record is null) return NotFound();
        }

        return null;
    }
}
