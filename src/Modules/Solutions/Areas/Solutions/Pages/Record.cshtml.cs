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
public sealed class RecordModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordStore store, IPlanLimits limits) : SolutionPageModel(access)
{
    public TableDefinition Table { get; private set; } = null!;

    public SolutionDefinition Definition { get; private set; } = null!;

    public SolutionRecord? Record { get; private set; }

    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary>Why a new record was refused by the plan's limit (R7); nothing was saved.</summary>
    public string? LimitMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string table, Guid? recordId, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, recordId, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        var values = Record is null ? [] : JsonNode.Parse(Record.ValuesJson) as JsonObject ?? [];
        foreach (var field in Table.Fields) Inputs[field.Key] = FieldValues.Display(field, values.TryGetPropertyValue(field.Key, out var v) ? v : null);
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
        if (Record is null) await store.AddAsync(Solution, Definition, Table, [values], cancellationToken);
        else await store.UpdateAsync(Solution, Definition, Table, Record, values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/solutions/{id}/tables/{table}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, string table, Guid? recordId, CancellationToken cancellationToken)
    {
        if (await LoadRecordAsync(id, table, recordId, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        if (Record is null) return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.DeleteAsync(Record, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await limits.ReleasedAsync(db.CurrentTenantId!.Value, cancellationToken);
        return Redirect($"/solutions/{id}/tables/{table}");
    }

    private async Task<bool> LinkExistsAsync(Guid solutionId, FieldDefinition field, JsonNode value, CancellationToken cancellationToken)
    {
        var target = Guid.Parse(value.GetValue<string>());
        return await db.Set<SolutionRecord>().AnyAsync(r => r.Id == target && r.SolutionId == solutionId && r.TableKey == field.Table, cancellationToken);
    }

    private async Task<IActionResult?> LoadRecordAsync(Guid id, string table, Guid? recordId, SolutionRight needed, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, needed, cancellationToken) is { } denied) return denied;
        Definition = await library.PublishedDefinitionAsync(Solution, cancellationToken) ?? new SolutionDefinition();
        if (Definition.Table(table) is not { } found) return NotFound();
        Table = found;
        if (recordId is { } rid)
        {
            // The tenant filter and the solution and table checks keep ids of other organizations and solutions out.
            Record = await db.Set<SolutionRecord>().FirstOrDefaultAsync(r => r.Id == rid && r.SolutionId == id && r.TableKey == table, cancellationToken);
            if (Record is null) return NotFound();
        }

        return null;
    }
}
