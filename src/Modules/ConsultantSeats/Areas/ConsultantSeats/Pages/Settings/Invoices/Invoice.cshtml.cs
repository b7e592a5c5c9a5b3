using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Settings.Invoices;

/// <summary>One consultant invoice, printable (the theme's print styles leave the menus off), for the organization's owners. Another organization's id is a 404.</summary>
public sealed class InvoiceModel(PortalDbContext db, TimeProvider time) : PageModel
{
    public ConsultantInvoice Invoice { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        // The tenant filter keeps this to the host's organization: another's invoice is not found.
        if (await db.Set<ConsultantInvoice>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) is not { } invoice) return NotFound();
        Invoice = invoice;
        return Page();
    }
}
