using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>A table's records: search, sort and filter on any field, keyset paging, views, CSV export.</summary>
public sealed class RecordsModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordQuery query, AuditLog audit) : SolutionPageModel(access)
{
    public TableDefinition Table { get; private set; } = null!;

    public RecordPage Records { get; private set; } = new([], null);

    public IReadOnlyList<FieldDefinition> Columns { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true)] public string? FilterField { get; set; }
    [BindProperty(SupportsGet = true)] public string? FilterOp { get; set; }
    [BindProperty(SupportsGet = true)] public string? FilterValue { get; set; }
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        Records = await query.ListAsync(id, Table, ListRequest(50), cancellationToken);
        return Page();
    }

    /// <summary>Streams every matching record as CSV, a page at a time; cells that a spreadsheet would run as formulas are neutralized.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        audit.Record("solution.records_exported", $"{Solution.Name} / {Table.Name}");
        await db.SaveChangesAsync(cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{Table.Key}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        await writer.WriteAsync(Csv.Line(Table.Fields.Select(f => f.Name)));
        string? after = null;
        do
        {
            var page = await query.ListAsync(id, Table, ListRequest(500) with { After = after }, cancellationToken);
            foreach (var (_, values) in page.Rows)
            {
                await writer.WriteAsync(Csv.Line(Table.Fields.Select(f => FieldValues.Display(f, values.TryGetPropertyValue(f.Key, out var v) ? v : null))));
            }

            await writer.FlushAsync(cancellationToken);
            after = page.Next;
        }
        while (after is not null);
        return new EmptyResult();
    }

    private RecordListRequest ListRequest(int size)
    {
        var view = View is null ? null : Table.Views.FirstOrDefault(v => v.Key == View);
        var filters = new List<ViewFilter>(view?.Filters ?? []);
        var op = Enum.GetValues<FilterOperator>().Cast<FilterOperator?>().FirstOrDefault(o => FieldTypeNames.NameOf(o!.Value) == FilterOp);
        if (!string.IsNullOrEmpty(FilterField) && op is not null) filters.Add(new ViewFilter(FilterField, op.Value, FilterValue));
        var sort = Sort ?? view?.Sort?.Field;
        var desc = Sort is not null ? Desc : view?.Sort?.Descending ?? Desc;
        Columns = view is { Columns.Count: > 0 } ? view.Columns.Select(c => Table.Field(c)!).ToList() : Table.Fields.Take(8).ToList();
        return new RecordListRequest(Q, sort, desc, filters, After, size);
    }

    private async Task<IActionResult?> LoadTableAsync(Guid id, string table, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        var definition = await library.PublishedDefinitionAsync(Solution, cancellationToken);
        if (definition?.Table(table) is not { } found) return NotFound();
        Table = found;
        return null;
    }

    public string Link(object changes)
    {
        var values = new Dictionary<string, string?> { ["q"] = Q, ["sort"] = Sort, ["desc"] = Desc ? "true" : null, ["filterField"] = FilterField, ["filterOp"] = FilterOp, ["filterValue"] = FilterValue, ["view"] = View };
        foreach (var property in changes.GetType().GetProperties()) values[property.Name] = property.GetValue(changes)?.ToString();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/solutions/{Solution.Id}/tables/{Table.Key}", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
