using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.ProgramAdmin;

/// <summary>Platform admins record partners' metrics nothing else measures (P5): influence ARR, satisfaction, product lines, business plan.</summary>
public sealed class MetricsModel(PartnerMetrics metrics, Badges badges) : PageModel
{
    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public string? Metric { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    public IReadOnlyList<RecordedMetric> Rows { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    public IReadOnlyList<(RecordableMetric Metric, string Name)> Metrics { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var (done, error) = await metrics.RecordAsync(PartnerId, Metric, Value, userId, cancellationToken);
        if (error is null) return RedirectToPage(new { message = done });
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await metrics.ListAsync(cancellationToken);
        Partners = await badges.PartnersAsync(cancellationToken);
        Metrics = await metrics.MetricsAsync(cancellationToken);
    }
}
