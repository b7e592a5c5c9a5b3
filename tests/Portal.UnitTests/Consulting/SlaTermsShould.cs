using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.UnitTests.Consulting;

/// <summary>C10: what a consultant may type as an SLA's terms, and what they are told when it is wrong.</summary>
public sealed class SlaTermsShould
{
    private static readonly DateOnly Today = new(2026, 7, 15);

    [Theory]
    [InlineData("300", "EUR", 300, "EUR")]
    [InlineData(" 300.50 ", "eur", 300.50, "EUR")] // spaces and lower case are forgiven
    [InlineData("45000", "JPY", 45000, "JPY")]
    [InlineData("12.345", "KWD", 12.345, "KWD")] // three decimals where the currency has them
    [InlineData("1000000", "USD", 1000000, "USD")]
    public void AcceptAFeeWithItsCurrencysDecimals(string fee, string currency, decimal expected, string code)
    {
        var (terms, error) = SlaTerms.Parse(new SlaInput(fee, currency, "14", "7", "2026-07-01", null), Today);
        Assert.Null(error);
        Assert.Equal((expected, code, 14, 7, new DateOnly(2026, 7, 1)), (terms!.MonthlyFee, terms.Currency, terms.PaymentTermsDays, terms.GracePeriodDays, terms.StartsOn));
    }

    [Theory]
    [InlineData("", "EUR", "14", "7", "2026-07-01", "Enter the monthly fee")]
    [InlineData("1e3", "EUR", "14", "7", "2026-07-01", "as a number")] // exponents are not how people write money
    [InlineData("300,50", "EUR", "14", "7", "2026-07-01", "as a number")]
    [InlineData("0.00", "EUR", "14", "7", "2026-07-01", "more than zero")]
    [InlineData("1000000.01", "EUR", "14", "7", "2026-07-01", "at most 1,000,000")]
    [InlineData("0.001", "EUR", "14", "7", "2026-07-01", "at most 2 decimals")]
    [InlineData("1.5", "ISK", "14", "7", "2026-07-01", "ISK amounts have no decimals")]
    [InlineData("300", "E1R", "14", "7", "2026-07-01", "three-letter code")]
    [InlineData("300", "ABC", "14", "7", "2026-07-01", "ABC is not a currency code")]
    [InlineData("300", "HRK", "14", "7", "2026-07-01", "HRK is not a currency code")] // withdrawn when Croatia took the euro
    [InlineData("300", "EUR", "366", "7", "2026-07-01", "payment terms")]
    [InlineData("300", "EUR", "+14", "7", "2026-07-01", "payment terms")]
    [InlineData("300", "EUR", "14", "-7", "2026-07-01", "grace period")]
    [InlineData("300", "EUR", "14", "7", "", "start date as a date")]
    [InlineData("300", "EUR", "14", "7", "2026-02-30", "start date as a date")]
    [InlineData("300", "EUR", "14", "7", "2027-07-16", "at most a year from today")]
    public void RefuseBadTermsWithWhatToCorrect(string fee, string currency, string terms, string grace, string startsOn, string expected)
    {
        var (parsed, error) = SlaTerms.Parse(new SlaInput(fee, currency, terms, grace, startsOn, null), Today);
        Assert.Null(parsed);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void KeepInstructionsTrimmedAndTreatBlankAsNone()
    {
        Assert.Equal("IBAN NL00", SlaTerms.Parse(new SlaInput("1", "EUR", "0", "0", "2026-07-15", "  IBAN NL00 \n"), Today).Terms!.PaymentInstructions);
        Assert.Null(SlaTerms.Parse(new SlaInput("1", "EUR", "0", "0", "2026-07-15", "   "), Today).Terms!.PaymentInstructions);
    }
}
