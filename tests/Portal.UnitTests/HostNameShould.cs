using PartnerPortal.Tenancy;

namespace PartnerPortal.UnitTests;

public sealed class HostNameShould
{
    [Theory]
    [InlineData("acme.portal.test", "acme.portal.test")] // already normal
    [InlineData("ACME.Portal.TEST", "acme.portal.test")] // case does not matter
    [InlineData("acme.portal.test:8443", "acme.portal.test")] // the port is not part of the host
    [InlineData("acme.portal.test.", "acme.portal.test")] // trailing dot of a fully qualified name
    [InlineData("acme.portal.test.:80", "acme.portal.test")] // both at once
    [InlineData("bücher.example", "xn--bcher-kva.example")] // IDN becomes punycode
    [InlineData("BÜCHER.example", "xn--bcher-kva.example")] // IDN upper case folds too
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")] // punycode stays punycode
    [InlineData("localhost", "localhost")] // single label
    public void NormalizeValidHosts(string raw, string expected)
    {
        Assert.True(HostName.TryNormalize(raw, out var host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData("")] // empty
    [InlineData("   ")] // blank
    [InlineData("127.0.0.1")] // IPv4 literal
    [InlineData("127.0.0.1:5000")] // IPv4 literal with port
    [InlineData("[::1]")] // IPv6 literal
    [InlineData("[::1]:5000")] // IPv6 literal with port
    [InlineData("2130706433")] // IPv4 as one number
    [InlineData("evil.test\r\nX-Injected: 1")] // CR/LF
    [InlineData("acme.portal.test:99999x")] // bad port
    [InlineData("acme..portal.test")] // empty label
    [InlineData("-acme.portal.test")] // label starts with a hyphen
    [InlineData("acme_1.portal.test")] // underscore is not a host character
    [InlineData("acme.portal.test/evil")] // path characters
    [InlineData("user@acme.portal.test")] // userinfo
    public void RejectHostsThatAreNotPlainNames(string raw)
    {
        Assert.False(HostName.TryNormalize(raw, out _));
    }

    [Fact]
    public void RejectOverLongHosts()
    {
        var label = new string('a', 63);
        var tooLong = string.Join('.', Enumerable.Repeat(label, 5)); // 319 characters
        Assert.False(HostName.TryNormalize(tooLong, out _));
        Assert.False(HostName.TryNormalize(new string('a', 64) + ".test", out _)); // one label over 63
        Assert.False(HostName.TryNormalize(new string('a', 10_000), out _));
    }
}
