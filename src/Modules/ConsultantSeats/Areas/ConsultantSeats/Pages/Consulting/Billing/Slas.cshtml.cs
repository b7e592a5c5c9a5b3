using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>The consultant's SLAs with every client they serve for this partner, and a form to record one (C10).</summary>
public sealed class SlasModel(ConsultantBilling billing) : ConsultingPage
{
    public IReadOnlyList<SlaRow> Slas { get; private set; } = [];

    public IReadOnlyList<ConsultantClient> Clients { get; private set; } = [];

    public DateOnly Today => billing.Today;

    [BindProperty]
    public Guid? ClientId { get; set; }

    [BindProperty]
    public SlaForm Form { get; set; } = new();

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
        Form = SlaForm.Blank(Slas.LastOrDefault()?.Sla.Currency, Today);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (slaId, error) = await billing.RecordAsync(Consultant, ClientId, Form.Input, cancellationToken);
        if (error is not null) return await FailAsync(error, () => LoadAsync(cancellationToken));
        var recorded = (await billing.FindSlaAsync(slaId!.Value, Consultant, cancellationToken))!;
        var first = recorded.Sla.StartsOn > Today ? recorded.Sla.StartsOn : Today;
        return Done("/consulting/slas", $"Your SLA with {recorded.ClientName} is recorded. It is invoiced monthly, the first time on {InvoiceSchedule.Date(first)}.");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Slas = await billing.SlasAsync(Consultant, cancellationToken);
        Clients = await billing.ClientsAsync(Consultant, cancellationToken);
    }
}
