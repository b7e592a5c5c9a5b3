using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Files;

namespace PartnerPortal.Web.Audit;

/// <summary>The filters of an audit log page, as the shared filter form (<c>_AuditFilters</c>) shows them.</summary>
public interface IAuditFilters
{
    string? Actor { get; }

    string? ActionName { get; }

    DateOnly? From { get; }

    DateOnly? To { get; }

    string? Search { get; }

    string? Error { get; }

    IReadOnlyList<string> Actors { get; }

    IReadOnlyList<string> Actions { get; }

    /// <summary>What the form filters, for its accessible name ("the organization's audit log").</summary>
    string Subject { get; }

    string Link(int? page = null, bool export = false);
}

/// <summary>
/// An audit log page (A1): entries filtered by who, what and when, searched in who and the details,
/// paged newest first, and downloaded as CSV (through the kernel's <see cref="TableFileWriter"/>, so
/// no cell is a formula) with the same filters. The organization's log and the platform's are this
/// page over their own rows and columns.
/// </summary>
public abstract class AuditLogPage<TEntry> : PageModel, IAuditFilters
    where TEntry : class, IAuditRow
{
    public const int PageSize = 50;

    /// <summary>The most rows one export holds; a narrower filter gets the rest.</summary>
    public const int ExportLimit = 50_000;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Actors { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public bool HasMore { get; private set; }

    public string? Error { get; private set; }

    public abstract string Subject { get; }

    /// <summary>The page's own address.</summary>
    protected abstract string PagePath { get; }

    /// <summary>The start of the export's file name; the day is added.</summary>
    protected abstract string FileName { get; }

    /// <summary>Every row of this log, unfiltered.</summary>
    protected abstract IQueryable<TEntry> Rows();

    /// <summary>The export's columns of this log alone, between who and the detail.</summary>
    protected abstract IReadOnlyList<(string Header, Func<TEntry, string?> Value)> OwnColumns { get; }

    private IEnumerable<(string Header, Func<TEntry, string?> Value)> Columns =>
    [
        ("When (UTC)", e => e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        ("Action", e => AuditActions.Describe(e.Action)),
        ("Who", e => e.UserEmail),
        .. OwnColumns,
        ("Detail", e => e.Detail),
        ("From", e => e.IpAddress),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Actors = await Rows().Where(a => a.UserEmail != null).Select(a => a.UserEmail!).Distinct().OrderBy(e => e).Take(500).ToListAsync(cancellationToken);
        Actions = await Rows().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        if (From > To)
        {
            Error = "The first day comes after the last day. Swap them, or leave one empty.";
            var refused = Page();
            refused.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return refused;
        }

        var rows = await Filtered()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Every entry the filters select (up to <see cref="ExportLimit"/>), newest first, streamed as CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (From > To) return await OnGetAsync(cancellationToken);
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Response.ContentType = TableFileFormat.Csv.ContentType();
        Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
        Response.Headers.CacheControl = "no-store";
        var columns = Columns.ToList();
        await using (var writer = TableFileWriter.Create(Response.Body, TableFileFormat.Csv, FileName))
        {
            await writer.WriteRowAsync(columns.Select(c => c.Header).ToList(), cancellationToken);
            var rows = Filtered().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(ExportLimit).AsAsyncEnumerable();
            await foreach (var entry in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteRowAsync(columns.Select(c => c.Value(entry) ?? string.Empty).ToList(), cancellationToken);
            }
        }

        return new EmptyResult();
    }

    /// <summary>The query string of these filters on another page (or the export), for links.</summary>
    public string Link(int? page = null, bool export = false)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        if (export) Add("handler", "Export");
        Add("actor", Actor);
        Add("action", ActionName);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Search);
        if (page is > 1) Add("p", page.Value.ToString(CultureInfo.InvariantCulture));
        return PagePath + (parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts));
    }

    private IQueryable<TEntry> Filtered()
    {
        var query = Rows();
        if (!string.IsNullOrWhiteSpace(Actor)) query = query.Where(a => a.UserEmail == Actor.Trim());
        if (!string.IsNullOrWhiteSpace(ActionName)) query = query.Where(a => a.Action == ActionName.Trim());
        if (From is { } from) query = query.Where(a => a.At >= from.ToDateTime(TimeOnly.MinValue));
        if (To is { } to) query = query.Where(a => a.At < to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLower();
            query = query.Where(a => (a.Detail != null && a.Detail.ToLower().Contains(term)) || (a.UserEmail != null && a.UserEmail.ToLower().Contains(term)));
        }

        return query;
    }
}
