using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Platform;

/// <summary>
/// Every consultant seat on the platform, for platform admins, who keep final control (C5): they
/// end a seat at once or reactivate it (stopping a running deactivation), with a reason, audited in
/// the client's log.
/// </summary>
public sealed class SeatsModel(SeatOverview overview, Seating seating, ITenantContext tenants) : SeatPage
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public IReadOnlyList<SeatView> Seats { get; private set; } = [];

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid seatId, string? reason, bool confirm, CancellationToken cancellationToken)
    {
        if (await overview.ClientOfAnySeatAsync(seatId, cancellationToken) is not { } client) return NotFound();
        if (SeatRules.CheckReason(reason) is { } problem) return await FailAsync(problem, () => LoadAsync(cancellationToken));
        if (!confirm) return await FailAsync("Tick the box to confirm: the seat ends at once and the consultant reaches nothing there.", () => LoadAsync(cancellationToken));
        SeatResult? result;
        using (tenants.Change(client))
        {
            result = await seating.EndByPlatformAsync(seatId, reason!.Trim(), UserId, cancellationToken);
        }

        return await AfterAsync(result, Back, () => LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid seatId, string? reason, CancellationToken cancellationToken)
    {
        if (await overview.ClientOfAnySeatAsync(seatId, cancellationToken) is not { } client) return NotFound();
        if (SeatRules.CheckReason(reason) is { } problem) return await FailAsync(problem, () => LoadAsync(cancellationToken));
        SeatResult? result;
        using (tenants.Change(client))
        {
            result = await seating.ReactivateAsync(seatId, UserId, overriding: true, reason!.Trim(), cancellationToken);
        }

        return await AfterAsync(result, Back, () => LoadAsync(cancellationToken));
    }

    private string Back => "/platform/consultants/seats" + (string.IsNullOrWhiteSpace(Search) ? string.Empty : "?search=" + Uri.EscapeDataString(Search));

    private async Task LoadAsync(CancellationToken cancellationToken) => Seats = await overview.ForPlatformAsync(Search, cancellationToken);
}
