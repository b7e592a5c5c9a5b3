using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Seats;

/// <summary>The owner's consultant seats (C5): every seat of the organization, its state and its consultant's certification, and where to invite one.</summary>
public sealed class IndexModel(SeatOverview overview, SeatPolicy policy, PortalDbContext db) : SeatPage
{
    public IReadOnlyList<SeatView> Seats { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Workspaces { get; private set; } = [];

    public int NoticeDays { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        Seats = await overview.ForClientAsync(cancellationToken);
        NoticeDays = await policy.NoticeDaysAsync(cancellationToken);
        Workspaces = (await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken)).Select(w => (w.Id, w.Name)).ToList();
    }
}
