using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.UnitTests;

/// <summary>T2, T8, A3: what a person may type as a custom domain or a sender address.</summary>
public sealed class DomainRulesShould
{
    private const string Platform = "portal.example";

    [Theory]
    [InlineData("book.contoso.com", "book.contoso.com")]        // a plain subdomain
    [InlineData("  Book.Contoso.COM. ", "book.contoso.com")]    // case, spaces and a trailing dot
    [InlineData("contoso.com", "contoso.com")]                  // an apex domain
    [InlineData("client1.reseller.com", "client1.reseller.com")] // a subdomain of a reseller's domain
    [InlineData("bücher.example", "xn--bcher-kva.example")]     // IDN becomes punycode
    public void AcceptADomainAndNormalizeIt(string typed, string expected)
    {
        Assert.Null(CustomDomains.Validate(typed, Platform, out var host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData("", "Enter a domain")]                             // nothing
    [InlineData("192.168.1.10", "not an IP address")]              // IPv4
    [InlineData("::1", "not an IP address")]                       // IPv6
    [InlineData("[::1]", "not an IP address")]                     // bracketed IPv6
    [InlineData("portal.example", "belongs to the platform")]      // the platform domain
    [InlineData("acme.portal.example", "belongs to the platform")] // a platform subdomain
    [InlineData("a.b.portal.example", "belongs to the platform")]  // deeper under the platform
    [InlineData("http://contoso.com", "without https://")]         // a URL
    [InlineData("contoso.com/path", "without https://")]           // a path
    [InlineData("contoso.com:443", "without a port")]              // a port
    [InlineData("conto so.com", "not a valid domain name")]        // a space
    [InlineData("-contoso.com", "not a valid domain name")]        // a leading hyphen
    [InlineData("contoso", "full domain name")]                    // a single label
    public void RefuseADomainWithAMessage(string typed, string message)
    {
        Assert.Contains(message, CustomDomains.Validate(typed, Platform, out var host));
        Assert.Equal(string.Empty, host);
    }

    [Theory]
    [InlineData("hello@contoso.com", "hello@contoso.com")]         // plain
    [InlineData(" hello@Contoso.COM ", "hello@contoso.com")]       // the domain is normalized, the mailbox kept
    [InlineData("", null)]                                         // empty clears it
    public void AcceptASenderAddress(string typed, string? expected)
    {
        Assert.Null(SenderDomain.Validate("Contoso", typed, Platform, out _, out var address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("Contoso", "not an address", "plain e-mail address")]          // no @
    [InlineData("Contoso", "Contoso <hello@contoso.com>", "plain e-mail address")] // a display name inside
    [InlineData("Contoso", "hello@contoso.com\r\nBcc: x@y.com", "plain e-mail address")] // header injection
    [InlineData("Contoso", "hello@portal.example", "belongs to the platform")]  // the platform's domain
    [InlineData("Contoso", "hello@mail.portal.example", "belongs to the platform")]
    [InlineData("Contoso", "hello@localhost", "domain name you own")]          // no real domain
    [InlineData("Contoso\nBcc: x@y.com", "hello@contoso.com", "one line")]     // a name with a line break
    public void RefuseASenderWithAMessage(string name, string typed, string message) =>
        Assert.Contains(message, SenderDomain.Validate(name, typed, Platform, out _, out _));

    [Theory]
    [InlineData(null, new string[0])]                                        // the system's resolvers
    [InlineData("127.0.0.1:5353", new[] { "127.0.0.1:5353" })]                // host:port
    [InlineData("10.0.0.2", new[] { "10.0.0.2:53" })]                         // the port defaults to 53
    [InlineData("127.0.0.1:5353, [::1]:53", new[] { "127.0.0.1:5353", "[::1]:53" })] // several
    public void ReadTheConfiguredDnsServers(string? configured, string[] expected) =>
        Assert.Equal(expected, DnsRecords.ParseServers(configured).Select(e => e.ToString()).ToArray());
}
