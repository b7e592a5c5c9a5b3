using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>One of the consultant's SLAs: change its terms for the invoices to come, end it or resume it. Anyone else's id is a 404.</summary>
public sealed class SlaModel(ConsultantBilling billing) : ConsultingPage
{
    public SlaRow Row { get; private set; } = null!;

    public IReadOnlyList<ConsultantInvoice> Invoices { get; private set; } = [];

    public DateOnly Today => billing.Today;

    [BindProperty]
    public SlaForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid slaId, string? message, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slaId, cancellationToken)) return NotFound();
        Message = message;
        Form = SlaForm.Of(Row.Sla);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid slaId, CancellationToken cancellationToken) =>
        ActAsync(slaId, () => billing.ChangeAsync(slaId, Consultant, Form.Input, cancellationToken), "The SLA is changed. Invoices already issued stay as they were.", keepForm: true, cancellationToken);

    public Task<IActionResult> OnPostEndAsync(Guid slaId, CancellationToken cancellationToken) =>
        ActAsync(slaId, () => billing.EndAsync(slaId, Consultant, cancellationToken), "The SLA has ended: no further month is invoiced. You can resume it.", keepForm: false, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(Guid slaId, CancellationToken cancellationToken) =>
        ActAsync(slaId, () => billing.ResumeAsync(slaId, Consultant, cancellationToken), "The SLA runs again: it is invoiced monthly from this month on.", keepForm: false, cancellationToken);

    private async Task<IActionResult> ActAsync(Guid slaId, Func<Task<string?>> action, string done, bool keepForm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slaId, cancellationToken)) return NotFound();
        if (await action() is { } error)
        {
            if (!keepForm) Form = SlaForm.Of(Row.Sla);
            return await FailAsync(error, () => LoadAsync(slaId, cancellationToken));
        }

        return Done($"/consulting/slas/{slaId}", done);
    }

    private async Task<bool> LoadAsync(Guid slaId, CancellationToken cancellationToken)
    {
        if (await billing.FindSlaAsync(slaId, Consultant, cancellationToken) is not { } row) return false;
        Row = row;
        Invoices = (await billing.InvoicesAsync(Consultant, cancellationToken)).Where(i => i.SlaId == slaId).ToList();
        return true;
    }
}
