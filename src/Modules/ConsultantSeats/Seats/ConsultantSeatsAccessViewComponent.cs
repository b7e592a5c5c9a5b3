using Microsoft.AspNetCore.Mvc;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>
/// "Who can see my data" (A5): each consultant seat that is not over, with who, their partner, what
/// they may do, since when, their last activity and their certification; "Revoke" starts the
/// deactivation under the seat policy on the seat's own page, where the reason is given.
/// </summary>
public sealed class ConsultantSeatsAccessViewComponent(SeatOverview overview) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View((await overview.ForClientAsync(HttpContext.RequestAborted)).Where(s => s.Status != SeatStatus.Ended).ToList());
}

/// <summary>The organization's home, for a consultant: their seat here and where to leave it. Nothing for anyone else.</summary>
public sealed class ConsultantSeatHomeViewComponent(SeatOverview overview, Accounts.CurrentMember member) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var seats = member.UserId is { } userId && !member.IsImpersonating ? await overview.HeldHereAsync(userId, HttpContext.RequestAborted) : [];
        return seats.Count == 0 ? Content(string.Empty) : View(seats);
    }
}
