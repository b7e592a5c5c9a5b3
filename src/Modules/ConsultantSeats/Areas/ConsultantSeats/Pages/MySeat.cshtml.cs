using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages;

/// <summary>
/// A consultant's own seats in the organization whose host this is, and leaving one (C5: their
/// choice, nobody else's). Everyone else reads that they hold no consultant seat here.
/// </summary>
public sealed class MySeatModel(SeatOverview overview, Seating seating, ITenantStore store, TenantUrls urls) : SeatPage
{
    public IReadOnlyList<HeldSeat> Seats { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostLeaveAsync(Guid seatId, bool confirm, CancellationToken cancellationToken)
    {
        var seat = (await overview.HeldHereAsync(UserId, cancellationToken)).FirstOrDefault(s => s.Id == seatId);
        if (seat is null) return NotFound();
        if (!confirm) return await FailAsync("Tick the box to confirm that you leave: only the client can give you a seat again.", () => LoadAsync(cancellationToken));
        var result = await seating.LeaveAsync(seatId, UserId, cancellationToken);
        if (result?.Error is not null) return await FailAsync(result.Error, () => LoadAsync(cancellationToken));
        // They reach nothing here any more: back to their own partner's page, which says what happened.
        return await store.FindByIdAsync(seat.PartnerId, cancellationToken) is { } partner
            ? Redirect(urls.For(partner, "/consulting?message=" + Uri.EscapeDataString(result!.Done!)))
            : Redirect("/");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Seats = await overview.HeldHereAsync(UserId, cancellationToken);
}
