using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Seats;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Seats;

/// <summary>
/// One consultant seat for the owner (C5, C6): who and what they may do, the "also workspace admin"
/// toggle, deactivation under the seat policy with a required reason, undoing it during the notice
/// period, and reactivation afterwards. Nobody removes a seat any other way.
/// </summary>
public sealed class SeatModel(SeatOverview overview, Seating seating, SeatPolicy policy) : SeatPage
{
    [BindProperty(SupportsGet = true)]
    public Guid SeatId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public SeatView Seat { get; private set; } = null!;

    public int NoticeDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await seating.DeactivateAsync(SeatId, Reason, UserId, cancellationToken), Here, () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostUndoAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await seating.UndoAsync(SeatId, cancellationToken), Here, () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostReactivateAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await seating.ReactivateAsync(SeatId, UserId, cancellationToken: cancellationToken), Here, () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostAdminAsync(bool alsoWorkspaceAdmin, CancellationToken cancellationToken) =>
        await AfterAsync(await seating.SetWorkspaceAdminAsync(SeatId, alsoWorkspaceAdmin, cancellationToken), Here, () => LoadAsync(cancellationToken));

    private string Here => $"/settings/consultant-seats/{SeatId}";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        NoticeDays = await policy.NoticeDaysAsync(cancellationToken);
        if (await overview.OneAsync(SeatId, cancellationToken) is not { } seat) return false;
        Seat = seat;
        return true;
    }
}
