using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Areas.Platform.Pages.Audit;

/// <summary>
/// The platform audit (A1), platform host only: what platform admins did and their sign-ins,
/// filtered by who, what and when, searched in the details, paged, and exported as CSV with the
/// same filters.
/// </summary>
public sealed class AuditModel(PortalDbContext db) : PageModel
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

    public IReadOnlyList<PlatformAuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Actors { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public bool HasMore { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Actors = await Platform().Where(a => a.UserEmail != null).Select(a => a.UserEmail!).Distinct().OrderBy(e => e).Take(500).ToListAsync(cancellationToken);
        Actions = await Platform().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        if (From > To)
        {
            Error = "The first day comes after the last day. Swap them, or leave one empty.";
            return Unprocessable();
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

    /// <summary>Every entry the filters select (up to <see cref="ExportLimit"/>), newest first, as CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (From > To) return await OnGetAsync(cancellationToken);
        var csv = new StringBuilder("When (UTC),Action,Who,Organization,Detail,From\r\n");
        var rows = Filtered().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(ExportLimit).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(cancellationToken))
        {
            csv.AppendJoin(',',
                Cell(entry.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                Cell(AuditActions.Describe(entry.Action)),
                Cell(entry.UserEmail),
                Cell(entry.OrganizationId?.ToString()),
                Cell(entry.Detail),
                Cell(entry.IpAddress)).Append("\r\n");
        }

        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
            $"platform-audit-{DateTime.UtcNow:yyyy-MM-dd}.csv");
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
        return "/platform/audit" + (parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts));
    }

    // The platform's own rows: the tenant filter hides them, so they are read by the platform's id.
    private IQueryable<PlatformAuditEntry> Platform() =>
        db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(a => a.TenantId == IMayBelongToPlatform.Platform);

    private IQueryable<PlatformAuditEntry> Filtered()
    {
        var query = Platform();
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

    /// <summary>One CSV cell: quoted, and never read as a formula by a spreadsheet.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    private PageResult Unprocessable()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
