using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>CSV import: a preview with every row's problems first, then all rows or none in one transaction.</summary>
public sealed class ImportModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordStore store, AuditLog audit, IPortalEvents events, PartnerPortal.Accounts.CurrentMember member, TimeProvider time, IPlanLimits limits) : SolutionPageModel(access)
{
    public const int MaxRows = 10_000;
    public const int MaxBytes = 5 * 1024 * 1024;

    public TableDefinition Table { get; private set; } = null!;

    public IReadOnlyList<FieldDefinition?> Columns { get; private set; } = [];

    public IReadOnlyList<List<string>> Preview { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public int RowCount { get; private set; }

    [BindProperty]
    public string? CsvText { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string table, CancellationToken cancellationToken) =>
        await LoadTableAsync(id, table, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, string table, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (file is null || file.Length == 0) return Fail("Choose a CSV file.");
        if (file.Length > MaxBytes) return Fail($"The file is larger than {MaxBytes / 1024 / 1024} MB; split it.");
        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            CsvText = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return Fail("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }

        Parse();
        return Errors.Count > 0 ? Fail(null) : Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (string.IsNullOrEmpty(CsvText) || CsvText.Length > MaxBytes) return Fail("Upload the file again.");
        var rows = Parse();
        if (Errors.Count > 0) return Fail(null);
        // All rows or none: an import that would pass the plan's record limit imports nothing (R7).
        if (await limits.CheckAsync(db.CurrentTenantId!.Value, LimitKind.Records, rows.Count, cancellationToken) is { Allowed: false } refused) return Fail(refused.Message);
        var definition = (await library.PublishedDefinitionAsync(Solution, cancellationToken))!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.AddAsync(Solution, definition, Table, rows, cancellationToken);
        audit.Record("solution.records_imported", $"{Solution.Name} / {Table.Name}: {rows.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(new PortalEvent(db.CurrentTenantId!.Value, member.UserId, SolutionLibrary.ImportedEvent, time.GetUtcNow().UtcDateTime), cancellationToken);
        return Redirect($"/solutions/{id}/tables/{table}?message=" + Uri.EscapeDataString($"{rows.Count:N0} record{(rows.Count == 1 ? "" : "s")} imported into {Table.Name}."));
    }

    /// <summary>Header cells name fields by name or key; every row is checked, and every problem is listed by row and column.</summary>
    private List<JsonObject> Parse()
    {
        var result = new List<JsonObject>();
        var rows = Csv.Parse(CsvText ?? string.Empty, MaxRows + 1, out var problem);
        // The header is a row too: count only the records in the message.
        if (rows.Count > MaxRows + 1) problem = $"The file has more than {MaxRows:N0} rows; split it.";
        if (problem is not null) Errors.Add(problem);
        if (rows.Count == 0)
        {
            Errors.Add("The file is empty.");
            return result;
        }

        Columns = rows[0].Select(h => Table.Fields.FirstOrDefault(f => string.Equals(f.Name, h.Trim(), StringComparison.OrdinalIgnoreCase) || f.Key == h.Trim())).ToList();
        for (var c = 0; c < Columns.Count; c++)
            if (Columns[c] is null) Errors.Add($"Column {c + 1} ('{rows[0][c]}') is not a field of {Table.Name}.");
        foreach (var missing in Table.Fields.Where(f => f.Required && !Columns.Contains(f))) Errors.Add($"The required column '{missing.Name}' is missing.");
        RowCount = rows.Count - 1;
        Preview = rows.Skip(1).Take(20).ToList();
        for (var r = 1; r < rows.Count && Errors.Count < 100; r++)
        {
            var values = new JsonObject();
            for (var c = 0; c < Columns.Count; c++)
            {
                if (Columns[c] is not { } field) continue;
                var cell = c < rows[r].Count ? rows[r][c] : string.Empty;
                if (FieldValues.TryParse(field, cell, out var value, out var cellProblem)) values[field.Key] = value;
                else Errors.Add($"Row {r + 1}, {field.Name}: {cellProblem}");
            }

            result.Add(values);
        }

        return result;
    }

    private IActionResult Fail(string? error)
    {
        if (error is not null) Errors.Add(error);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadTableAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Work, cancellationToken) is { } denied) return denied;
        var definition = await library.PublishedDefinitionAsync(Solution, cancellationToken);
        if (definition?.Table(table) is not { } found) return NotFound();
        Table = found;
        return null;
    }
}
