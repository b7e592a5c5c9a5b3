using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.UnitTests.Consulting;

/// <summary>C10: when an SLA owes its month's invoice, and when an invoice is overdue or past its grace period.</summary>
public sealed class InvoiceScheduleShould
{
    [Theory]
    [InlineData("2026-03-01", null, null, "2026-03-01", true)] // its first day: the first invoice
    [InlineData("2026-03-20", null, null, "2026-03-19", false)] // not started yet
    [InlineData("2026-03-20", null, "2026-03-01", "2026-03-31", false)] // this month's is issued
    [InlineData("2026-03-20", null, "2026-03-01", "2026-04-01", true)] // the next month's is due on its first day
    [InlineData("2026-01-01", "2026-04-10", "2026-03-01", "2026-04-02", true)] // ends during the month: the month is still billed
    [InlineData("2026-01-01", "2026-03-31", "2026-03-01", "2026-04-01", false)] // ended before the month began
    [InlineData("2026-01-01", null, "2026-05-01", "2026-04-15", false)] // a later month was issued already (clock moved back)
    public void OweAMonthOnceFromTheStartUntilTheEnd(string startsOn, string? endedOn, string? lastInvoiced, string today, bool due) =>
        Assert.Equal(due, InvoiceSchedule.IsDue(DateOnly.Parse(startsOn), Date(endedOn), Date(lastInvoiced), DateOnly.Parse(today)));

    [Theory]
    [InlineData(InvoiceStatus.Open, "2026-03-15", 7, "2026-03-15", "Awaiting payment")] // due today is not late
    [InlineData(InvoiceStatus.Open, "2026-03-15", 7, "2026-03-16", "Overdue")]
    [InlineData(InvoiceStatus.Overdue, "2026-03-15", 7, "2026-03-22", "Overdue")] // the last day of grace
    [InlineData(InvoiceStatus.Overdue, "2026-03-15", 7, "2026-03-23", "Overdue, past the grace period")]
    [InlineData(InvoiceStatus.Open, "2026-03-15", 0, "2026-03-16", "Overdue, past the grace period")] // no grace at all
    [InlineData(InvoiceStatus.Paid, "2026-03-15", 7, "2026-09-01", "Paid")]
    public void DescribeAnInvoiceForTheDayItIsRead(InvoiceStatus status, string dueOn, int grace, string today, string expected) =>
        Assert.Equal(expected, InvoiceSchedule.Describe(status, DateOnly.Parse(dueOn), grace, DateOnly.Parse(today)));

    [Fact]
    public void NameTheMonthAndTheDueDate()
    {
        Assert.Equal(new DateOnly(2026, 2, 1), InvoiceSchedule.PeriodOf(new DateOnly(2026, 2, 28)));
        Assert.Equal("February 2026", InvoiceSchedule.MonthName(new DateOnly(2026, 2, 1)));
        Assert.Equal(new DateOnly(2026, 3, 14), InvoiceSchedule.DueOn(new DateOnly(2026, 2, 28), 14));
    }

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text);
}
