using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Settings.Invoices;

/// <summary>
/// The organization's consultant invoices and the SLAs behind them, for its owners (C10). Read
/// through the tenant filter: an organization sees its own and nothing else.
/// </summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider time) : PageModel
{
    /// <summary>An SLA as the client reads it: who, from which partner, on what terms.</summary>
    public sealed record SlaLine(ServiceLevelAgreement Sla, string ConsultantName, string PartnerName);

    public IReadOnlyList<SlaLine> Slas { get; private set; } = [];

    public IReadOnlyList<ConsultantInvoice> Invoices { get; private set; } = [];

    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Invoices = await db.Set<ConsultantInvoice>().AsNoTracking()
            .OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.Number)
            .ToListAsync(cancellationToken);
        Slas = await db.Set<ServiceLevelAgreement>().AsNoTracking()
            .Join(db.Users, s => s.ConsultantUserId, u => u.Id, (s, u) => new { Sla = s, u.DisplayName, u.Email })
            .Join(db.Organizations, x => x.Sla.PartnerId, o => o.Id, (x, o) => new { x.Sla, x.DisplayName, x.Email, Partner = o.Name })
            .OrderBy(x => x.Sla.StartsOn)
            .Select(x => new SlaLine(x.Sla, x.DisplayName ?? x.Email ?? string.Empty, x.Partner))
            .ToListAsync(cancellationToken);
    }
}
