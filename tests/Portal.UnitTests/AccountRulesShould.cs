using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Web.Branding;

namespace PartnerPortal.UnitTests;

public sealed class AccountRulesShould
{
    [Theory]
    [InlineData("acme", true)] // plain
    [InlineData("acme-dental-2", true)] // hyphens and digits inside
    [InlineData("a", false)] // too short
    [InlineData("Acme", false)] // upper case
    [InlineData("-acme", false)] // leading hyphen
    [InlineData("acme-", false)] // trailing hyphen
    [InlineData("acme.dental", false)] // a dot would make two labels
    [InlineData("www", false)] // reserved
    [InlineData("portal", false)] // reserved
    public void ValidateSlugs(string slug, bool valid)
    {
        Assert.Equal(valid, Slugs.Validate(slug) is null);
    }

    [Theory]
    [InlineData("#0E7C86", true)]
    [InlineData("#c2410c", true)]
    [InlineData("0E7C86", false)] // no hash
    [InlineData("#0E7C8", false)] // short
    [InlineData("#0E7C86;}body{", false)] // CSS injection
    [InlineData("red", false)] // names are not accepted
    [InlineData(null, false)]
    public void AcceptOnlyHexColours(string? value, bool valid)
    {
        Assert.Equal(valid, BrandColors.IsValid(value));
    }

    [Theory]
    [InlineData("Contoso Dental", "CD")]
    [InlineData("tailspin", "TA")]
    [InlineData("  Fabrikam   Fitness Club ", "FF")]
    [InlineData("", "?")]
    public void MakeFaviconInitials(string name, string initials)
    {
        Assert.Equal(initials, FaviconEndpoint.Initials(name));
    }

    [Fact]
    public void RetryTheFirstFailedSendWithinTenSeconds()
    {
        Assert.True(OutboxDispatcher.RetryDelay(1) <= TimeSpan.FromSeconds(10));
        Assert.True(OutboxDispatcher.RetryDelay(2) > OutboxDispatcher.RetryDelay(1));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.RetryDelay(50)); // capped, never given up
    }

    [Theory]
    [InlineData("a@b.test", null)]
    [InlineData("a@b.test\r\nBcc: victim@x.test", "line break")]
    [InlineData("Subject\nInjected", "line break")]
    public void RejectLineBreaksInHeaderValues(string value, string? error)
    {
        var thrown = Record.Exception(() => HeaderValues.EnsureSingleLine(value));
        if (error is null) Assert.Null(thrown);
        else Assert.Contains(error, Assert.IsType<ArgumentException>(thrown).Message);
    }
}
