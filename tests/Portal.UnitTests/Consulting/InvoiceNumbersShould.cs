using PartnerPortal.ConsultantSeats.Billing;

namespace PartnerPortal.UnitTests.Consulting;

/// <summary>C10: invoice numbers read prefix, year and a four-digit sequence; prefixes are short and plain.</summary>
public sealed class InvoiceNumbersShould
{
    [Fact]
    public void ReadPrefixYearAndSequence()
    {
        Assert.Equal("NW-2026-0007", InvoiceNumbers.Format("NW", 2026, 7));
        Assert.Equal("NW-2026-12345", InvoiceNumbers.Format("NW", 2026, 12345)); // a busy year grows a digit, never wraps
    }

    [Theory]
    [InlineData("Northwind Partners", "NP")]
    [InlineData("Northwind", "NOR")]
    [InlineData("A & B Consulting Group International Ltd", "ABCG")] // four initials at most
    [InlineData("  ", "INV")]
    [InlineData("Ærø Data", "RD")] // letters outside A–Z cannot be typed back as a prefix
    public void StartFromThePartnersInitials(string partner, string expected) =>
        Assert.Equal(expected, InvoiceNumbers.DefaultPrefix(partner));

    [Theory]
    [InlineData("nw", "NW")]
    [InlineData(" NW7 ", "NW7")]
    [InlineData("", null)]
    [InlineData("N-W", null)]
    [InlineData("ABCDEFGHI", null)] // nine: too long for a number people read out
    [InlineData("ÉX", null)]
    public void AcceptOnlyShortPlainPrefixes(string input, string? expected) => Assert.Equal(expected, InvoiceNumbers.NormalizePrefix(input));

    [Fact]
    public void KnowTheDemoConsultantByTheHostsAddress() =>
        Assert.Equal(PartnerPortal.Web.Demo.DemoData.ConsultantEmail, BillingDemo.ConsultantEmail);
}
