using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting.Billing;

/// <summary>The SLA form's fields as typed (kept as text, so a bad value comes back as it was entered).</summary>
public sealed class SlaForm
{
    public string? MonthlyFee { get; set; }

    public string? Currency { get; set; }

    public string? PaymentTermsDays { get; set; }

    public string? GracePeriodDays { get; set; }

    public string? StartsOn { get; set; }

    public string? PaymentInstructions { get; set; }

    public SlaInput Input => new(MonthlyFee, Currency, PaymentTermsDays, GracePeriodDays, StartsOn, PaymentInstructions);

    /// <summary>A new SLA's defaults: 14 days to pay, 7 days' grace, from today.</summary>
    public static SlaForm Blank(string? currency, DateOnly today) => new()
    {
        Currency = currency ?? "EUR",
        PaymentTermsDays = "14",
        GracePeriodDays = "7",
        StartsOn = InvoiceSchedule.Date(today),
    };

    public static SlaForm Of(ServiceLevelAgreement sla) => new()
    {
        MonthlyFee = sla.MonthlyFee.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        Currency = sla.Currency,
        PaymentTermsDays = sla.PaymentTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        GracePeriodDays = sla.GracePeriodDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StartsOn = InvoiceSchedule.Date(sla.StartsOn),
        PaymentInstructions = sla.PaymentInstructions,
    };
}
