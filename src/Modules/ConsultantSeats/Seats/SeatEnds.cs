using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>
/// Job <c>consultant-seat-ends</c> (C5): ends the seats whose notice period has run out, as the
/// owner asked, through <see cref="Seating.EndAsync"/> (which claims each seat once, copies what
/// the consultant built to their partner and e-mails them). Clients with the module switched off
/// are skipped until it is on again. A seat that fails to end (its copy could not be made) stays
/// ending, untouched, and is tried again on the next pass; the others end meanwhile.
/// </summary>
public sealed class SeatEnds(PortalDbContext db, Seating seating, ITenantContext tenants, ITenantStore store, IModuleSwitch switches, TimeProvider time, ILogger<SeatEnds> logger) : IPortalJob
{
    public const string JobName = "consultant-seat-ends";

    public async Task<int> RunAsync(CancellationToken cancellationToken) => await RunPassAsync(time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>One pass as of <paramref name="now"/>; returns how many seats it ended.</summary>
    public async Task<int> RunPassAsync(DateTime now, CancellationToken cancellationToken)
    {
        // Every client's due seats: the job works for all of them.
        var due = await db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.EndedAt == null && s.EndsAt != null && s.EndsAt <= now)
            .Select(s => new { s.Id, s.TenantId })
            .ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ConsultantSeatsModule.ModuleName, due.Select(d => d.TenantId), cancellationToken);

        var ended = 0;
        foreach (var item in due.Where(d => on.Contains(d.TenantId)))
        {
            db.ChangeTracker.Clear();
            if (await store.FindByIdAsync(item.TenantId, cancellationToken) is not { } client) continue;
            using (tenants.Change(client))
            {
                var seat = await db.Set<ConsultantSeat>().FirstOrDefaultAsync(s => s.Id == item.Id, cancellationToken);
                try
                {
                    if (seat is not null && await seating.EndAsync(seat, Seating.EndedByOwner, seat.DeactivationReason, seat.DeactivationRequestedByUserId, cancellationToken, dueBy: now)) ended++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // EndAsync's transaction rolled back: nothing of this seat changed.
                    logger.LogError(exception, "Consultant seat {SeatId} of organization {OrganizationId} could not end; it is tried again on the next pass.", item.Id, item.TenantId);
                }
            }
        }

        return ended;
    }
}
