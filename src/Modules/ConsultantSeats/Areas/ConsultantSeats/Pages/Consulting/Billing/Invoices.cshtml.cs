using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>Every invoice the consultant issued for this partner, across their clients (C10), and the prefix of their invoice numbers.</summary>
public sealed class InvoicesModel(ConsultantBilling billing) : ConsultingPage
{
    public IReadOnlyList<ConsultantInvoice> Invoices { get; private set; } = [];

    /// <summary>What is still to be paid, per currency.</summary>
    public IReadOnlyList<(string Currency, decimal Amount)> Outstanding { get; private set; } = [];

    public InvoiceNumberSeries Series { get; private set; } = null!;

    public DateOnly Today => billing.Today;

    /// <summary>"unpaid", "overdue", "paid", or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty]
    public string? Prefix { get; set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
        Prefix = Series.Prefix;
    }

    public async Task<IActionResult> OnPostPrefixAsync(CancellationToken cancellationToken)
    {
        if (await billing.SetPrefixAsync(Consultant, Prefix, cancellationToken) is { } error) return await FailAsync(error, () => LoadAsync(cancellationToken));
        var series = await billing.SeriesAsync(Consultant, cancellationToken);
        return Done("/consulting/invoices", $"Your next invoice is numbered {InvoiceNumbers.Format(series.Prefix, Today.Year, series.Year == Today.Year ? series.LastSequence + 1 : 1)}.");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await billing.InvoicesAsync(Consultant, cancellationToken);
        Outstanding = all.Where(i => i.Status != InvoiceStatus.Paid).GroupBy(i => i.Currency).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(i => i.Amount))).ToList();
        Invoices = Show switch
        {
            "unpaid" => all.Where(i => i.Status != InvoiceStatus.Paid).ToList(),
            "overdue" => all.Where(i => InvoiceSchedule.IsOverdue(i.Status, i.DueOn, Today)).ToList(),
            "paid" => all.Where(i => i.Status == InvoiceStatus.Paid).ToList(),
            _ => all,
        };
        Series = await billing.SeriesAsync(Consultant, cancellationToken);
    }
}
