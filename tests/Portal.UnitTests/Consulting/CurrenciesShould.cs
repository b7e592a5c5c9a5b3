using PartnerPortal.Billing;

namespace PartnerPortal.UnitTests.Consulting;

/// <summary>ISO 4217 codes and their minor units, as fees and invoices use them.</summary>
public sealed class CurrenciesShould
{
    [Theory]
    [InlineData("EUR", true)]
    [InlineData("JPY", true)]
    [InlineData("KWD", true)]
    [InlineData("XCG", true)] // the Caribbean guilder, new in 2025
    [InlineData("eur", false)] // codes are upper case; callers normalize first
    [InlineData("XXX", false)] // "no currency"
    [InlineData("XAU", false)] // gold is not money to invoice in
    [InlineData(null, false)]
    public void KnowTheCirculatingCodes(string? code, bool known) => Assert.Equal(known, Currencies.IsKnown(code));

    [Theory]
    [InlineData(300, "EUR", "300.00 EUR")]
    [InlineData(1250.5, "USD", "1,250.50 USD")]
    [InlineData(45000, "JPY", "45,000 JPY")]
    [InlineData(12.345, "BHD", "12.345 BHD")]
    public void FormatAmountsWithTheCurrencysDecimals(decimal amount, string currency, string expected) =>
        Assert.Equal(expected, Currencies.Format(amount, currency));
}
