using PartnerPortal.Mail;

namespace PartnerPortal.UnitTests;

/// <summary>An address the form accepts is one the outbox can deliver: one plain mailbox, as MimeKit parses it.</summary>
public sealed class DeliverableAddressShould
{
    [Theory]
    [InlineData("owner@contoso-dental.test", true)] // plain
    [InlineData("first.last+tag@mail.example.com", true)] // dots and a plus tag
    [InlineData("admin@portal.localhost", true)] // the demo's platform admin
    [InlineData("  owner@people.test  ", true)] // spaces around are trimmed by the forms
    [InlineData("victim@example.test;x", false)] // a list in disguise
    [InlineData("a@example.test, b@example.test", false)] // a list
    [InlineData("Victim <victim@example.test>", false)] // a display name
    [InlineData("victim@example.test (comment)", false)] // a comment
    [InlineData("victim@example.test\r\nBcc: x@example.test", false)] // a header injection
    [InlineData("victim", false)] // no domain
    [InlineData("@example.test", false)] // no local part
    [InlineData("victim@127.0.0.1", false)] // an IP address, not a domain
    [InlineData("victim@[127.0.0.1]", false)] // an address literal
    [InlineData("victim@-bad-.test", false)] // not a host name
    [InlineData("", false)] // empty
    public void AcceptOnlyOnePlainMailbox(string address, bool valid) =>
        Assert.Equal(valid, DeliverableAddress.IsValid(address));

    [Fact]
    public void RefuseAnAddressLongerThanSmtpAllows() =>
        Assert.False(DeliverableAddress.IsValid(new string('a', 250) + "@x.test"));
}
