using System.Globalization;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>
/// When an SLA is invoiced and when its invoices fall due, overdue and past their grace period
/// (C10). Months are calendar months in UTC; an invoice is issued on the first day of its month,
/// or on the start date in the SLA's first month, and covers the whole month.
/// </summary>
public static class InvoiceSchedule
{
    /// <summary>The first day of the month <paramref name="day"/> is in: the key an invoice is issued once for.</summary>
    public static DateOnly PeriodOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Whether an SLA still owes its invoice for the month of <paramref name="today"/>.</summary>
    public static bool IsDue(DateOnly startsOn, DateOnly? endedOn, DateOnly? lastInvoicedPeriod, DateOnly today)
    {
        var period = PeriodOf(today);
        return startsOn <= today
               && (endedOn is null || endedOn >= period)
               && (lastInvoicedPeriod is null || lastInvoicedPeriod < period);
    }

    public static DateOnly DueOn(DateOnly issuedOn, int paymentTermsDays) => issuedOn.AddDays(paymentTermsDays);

    /// <summary>The last day of the grace period; suspension is offered from the day after.</summary>
    public static DateOnly GraceEndsOn(DateOnly dueOn, int gracePeriodDays) => dueOn.AddDays(gracePeriodDays);

    /// <summary>Not paid and its due date has passed (the job marks it <see cref="InvoiceStatus.Overdue"/>).</summary>
    public static bool IsOverdue(InvoiceStatus status, DateOnly dueOn, DateOnly today) => status != InvoiceStatus.Paid && today > dueOn;

    /// <summary>Not paid and the grace period after its due date has passed: suspension may be offered, never applied on its own.</summary>
    public static bool IsPastGrace(InvoiceStatus status, DateOnly dueOn, int gracePeriodDays, DateOnly today) =>
        status != InvoiceStatus.Paid && today > GraceEndsOn(dueOn, gracePeriodDays);

    /// <summary>"July 2026".</summary>
    public static string MonthName(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2026-07-15", as every date reads on the portal's pages.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What an invoice's state reads as, for the day it is looked at.</summary>
    public static string Describe(InvoiceStatus status, DateOnly dueOn, int gracePeriodDays, DateOnly today) => status switch
    {
        InvoiceStatus.Paid => "Paid",
        _ when IsPastGrace(status, dueOn, gracePeriodDays, today) => "Overdue, past the grace period",
        _ when IsOverdue(status, dueOn, today) => "Overdue",
        _ => "Awaiting payment",
    };
}
