using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// A table's records with a tab per table: search, sort and filter on any field, keyset paging,
/// views, CSV and .xlsx export. The solution's own page shows its first table; each table has its own URL.
/// </summary>
public abstract class RecordsPageModel(
    PortalDbContext db,
    SolutionAccess access,
    SolutionLibrary library,
    RecordQuery query,
    RecordExport export,
    RecordScope scope,
    AuditLog audit,
    PartnerPortal.Accounts.CurrentMember member,
    TimeProvider time) : SolutionPageModel(access)
{
    /// <summary>The published definition; null until the solution's first version is published.</summary>
    public SolutionDefinition? Published { get; private set; }

    /// <summary>The table shown; null only when nothing is published yet.</summary>
    public TableDefinition? Table { get; private set; }

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

    /// <summary>Only records with this client tag (C12: one "All clients" workspace, records tagged by client).</summary>
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }

    /// <summary>The client tag this viewer's records are limited to (C12, their assignment); null when they see every record.</summary>
    public string? ClientTag { get; private set; }

    /// <summary>The tags the list offers as filters: the solution's own (its clients), and the one shown; a limited viewer's own only.</summary>
    public IReadOnlyList<string> Tags =>
        ClientTag is { } own ? [own]
        : string.IsNullOrWhiteSpace(Tag) || Solution.TagList.Contains(Tag.Trim(), StringComparer.Ordinal) ? Solution.TagList : [.. Solution.TagList, Tag.Trim()];

    /// <summary>What the last action did ("… was deleted."), shown above the records.</summary>
    [FromQuery(Name = "message")] public string? Notice { get; set; }

    /// <summary>The sealed deletion the notice's Undo puts back.</summary>
    [FromQuery(Name = "undo")] public string? UndoToken { get; set; }

    /// <summary>Loads the solution and the named table (the first one when <paramref name="table"/> is null) and its first page of records.</summary>
    protected async Task<IActionResult> ListAsync(Guid id, string? table, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (Table is not null) Records = await query.ListAsync(id, Table, ListRequest(50), cancellationToken);
        return Page();
    }

    /// <summary>
    /// Every matching record as CSV or .xlsx (no cell is ever a formula, see <see cref="TableFileWriter"/>):
    /// up to <see cref="RecordExport.StreamedRows"/> streamed straight to the download, more as a
    /// stored run the <c>solutions-exports</c> job writes while its page shows the progress.
    /// </summary>
    protected async Task<IActionResult> ExportAsync(Guid id, string table, string? format, CancellationToken cancellationToken)
    {
        if (await LoadTableAsync(id, table, cancellationToken) is { } denied) return denied;
        if (TableFileFormats.Parse(format ?? "csv") is not { } fileFormat) return NotFound();
        var shown = Table!;
        var request = ListRequest(RecordExport.StreamedRows);
        var total = await query.CountAsync(id, shown, request, cancellationToken);
        if (total > RecordExport.StreamedRows) return await QueueExportAsync(shown, fileFormat, request, total, cancellationToken);

        audit.Record("solution.records_exported", $"{Solution.Name} / {shown.Name} ({fileFormat.Extension()})");
        await db.SaveChangesAsync(cancellationToken);
        Response.ContentType = fileFormat.ContentType();
        Response.Headers.ContentDisposition = $"attachment; filename=\"{RecordExport.DownloadName(shown, fileFormat)}\"";
        Response.Headers.CacheControl = "no-store";
        await export.WriteAsync(Response.Body, id, shown, fileFormat, request, null, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Stores the export for the job and opens its progress page; the same export asked for again while it runs opens the same run.</summary>
    private async Task<IActionResult> QueueExportAsync(TableDefinition shown, TableFileFormat format, RecordListRequest request, int total, CancellationToken cancellationToken)
    {
        var userId = member.UserId ?? Guid.Empty;
        var json = RecordExport.Serialize(request);
        var running = await db.Set<RecordExportRun>().AsNoTracking()
            .Where(r => r.SolutionId == Solution.Id && r.TableKey == shown.Key && r.UserId == userId && r.Format == format && r.RequestJson == json && (r.Status == ExportStatus.Queued || r.Status == ExportStatus.Running))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (running is { } existing) return Redirect(RecordExport.PageOf(Solution.Id, shown.Key, existing));

        var run = new RecordExportRun
        {
            SolutionId = Solution.Id,
            TableKey = shown.Key,
            Format = format,
            RequestJson = json,
            RowCount = total,
            Status = ExportStatus.Queued,
            UserId = userId,
            ClientTag = await scope.ClientTagAsync(Solution.Id, cancellationToken),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(run);
        audit.Record("solution.records_exported", $"{Solution.Name} / {shown.Name} ({format.Extension()})");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(RecordExport.PageOf(Solution.Id, shown.Key, run.Id));
    }

    /// <summary>The address of the shown table with the current search, sort and filter, changed as given.</summary>
    public string Link(object changes)
    {
        var values = new Dictionary<string, string?> { ["q"] = Q, ["sort"] = Sort, ["desc"] = Desc ? "true" : null, ["filterField"] = FilterField, ["filterOp"] = FilterOp, ["filterValue"] = FilterValue, ["view"] = View, ["tag"] = Tag };
        foreach (var property in changes.GetType().GetProperties()) values[property.Name] = property.GetValue(changes)?.ToString();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/solutions/{Solution.Id}/tables/{Table!.Key}", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private RecordListRequest ListRequest(int size)
    {
        var table = Table!;
        var view = View is null ? null : table.Views.FirstOrDefault(v => v.Key == View);
        var filters = new List<ViewFilter>(view?.Filters ?? []);
        var op = Enum.GetValues<FilterOperator>().Cast<FilterOperator?>().FirstOrDefault(o => FieldTypeNames.NameOf(o!.Value) == FilterOp);
        if (!string.IsNullOrEmpty(FilterField) && op is not null) filters.Add(new ViewFilter(FilterField, op.Value, FilterValue));
        var sort = Sort ?? view?.Sort?.Field;
        var desc = Sort is not null ? Desc : view?.Sort?.Descending ?? Desc;
        Columns = view is { Columns.Count: > 0 } ? view.Columns.Select(c => table.Field(c)!).ToList() : table.Fields.Take(8).ToList();
        return new RecordListRequest(Q, sort, desc, filters, After, size, string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim());
    }

    private async Task<IActionResult?> LoadTableAsync(Guid id, string? table, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, SolutionRight.Read, cancellationToken) is { } denied) return denied;
        ClientTag = await scope.ClientTagAsync(id, cancellationToken);
        Published = await library.PublishedDefinitionAsync(Solution, cancellationToken);
        if (table is null) Table = Published?.Tables.FirstOrDefault();
        else if (Published?.Table(table) is { } found) Table = found;
        else return NotFound();
        return null;
    }
}
