using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>
/// One of the consultant's invoices: mark it paid (or take that back) and, once it is unpaid past
/// its grace period, the last resort of suspending the solutions they built at the client (C9, C10),
/// offered and linked, never done here. Anyone else's id is a 404.
/// </summary>
public sealed class InvoiceModel(ConsultantBilling billing, SuspensionOffers offers) : ConsultingPage
{
    public ConsultantInvoice Invoice { get; private set; } = null!;

    public SuspensionOffer? Suspension { get; private set; }

    public DateOnly Today => billing.Today;

    [BindProperty]
    public string? PaidOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid invoiceId, string? message, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(invoiceId, cancellationToken)) return NotFound();
        Message = message;
        PaidOn = InvoiceSchedule.Date(Today);
        return Page();
    }

    public Task<IActionResult> OnPostPaidAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        ActAsync(invoiceId, () => billing.MarkPaidAsync(invoiceId, Consultant, PaidOn, cancellationToken), "is marked paid", cancellationToken);

    public Task<IActionResult> OnPostUnpaidAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        ActAsync(invoiceId, () => billing.MarkUnpaidAsync(invoiceId, Consultant, cancellationToken), "is unpaid again", cancellationToken);

    private async Task<IActionResult> ActAsync(Guid invoiceId, Func<Task<string?>> action, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(invoiceId, cancellationToken)) return NotFound();
        if (await action() is { } error) return await FailAsync(error, () => LoadAsync(invoiceId, cancellationToken));
        return Done($"/consulting/invoices/{invoiceId}", $"Invoice {Invoice.Number} {done}.");
    }

    private async Task<bool> LoadAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        if (await billing.FindInvoiceAsync(invoiceId, Consultant, cancellationToken) is not { } invoice) return false;
        Invoice = invoice;
        Suspension = await offers.ForAsync(invoice, Consultant, cancellationToken);
        return true;
    }
}
