using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using PartnerPortal.Mail;

namespace PartnerPortal.UnitTests;

/// <summary>T8: the signature the dispatcher adds to a verified organization's mail.</summary>
public sealed class DkimShould
{
    private static readonly (string PublicKey, string PrivateKeyPem) Key = Dkim.Generate();

    [Fact]
    public void AddADkimSignatureHeaderForTheDomainAndSelector()
    {
        var message = NewMessage();
        Dkim.Sign(message, Dkim.ReadPrivateKey(Key.PrivateKeyPem), "contoso-dental.example", "portal1");

        var signature = message.Headers[HeaderId.DkimSignature];
        Assert.NotNull(signature);
        var tags = signature.Split(';').Select(t => t.Trim()).Where(t => t.Contains('=')).ToDictionary(t => t[..t.IndexOf('=')], t => t[(t.IndexOf('=') + 1)..]);
        Assert.Equal("contoso-dental.example", tags["d"]);
        Assert.Equal("portal1", tags["s"]);
        Assert.Equal("rsa-sha256", tags["a"]);
        Assert.Equal("relaxed/relaxed", tags["c"]);
        Assert.Contains("from", tags["h"].ToLowerInvariant().Split(':').Select(h => h.Trim()));
        Assert.Equal(0, message.Headers.IndexOf(HeaderId.DkimSignature)); // on top, above the headers it covers
    }

    [Fact]
    public void ProduceASignatureThePublishedRecordVerifies()
    {
        var message = SignedRoundTrip();
        Assert.True(Verify(message, $"v=DKIM1; k=rsa; p={Key.PublicKey}"));
    }

    [Fact]
    public void FailVerificationWhenTheBodyChanges()
    {
        var message = SignedRoundTrip(alter: text => text.Replace("Your booking is confirmed", "Your booking is cancelled", StringComparison.Ordinal));
        Assert.False(Verify(message, $"v=DKIM1; k=rsa; p={Key.PublicKey}"));
    }

    [Fact]
    public void FailVerificationWithAnotherKey()
    {
        var message = SignedRoundTrip();
        Assert.False(Verify(message, $"v=DKIM1; k=rsa; p={Dkim.Generate().PublicKey}"));
    }

    [Fact]
    public void GenerateAnRsa2048KeyPair()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(Key.PublicKey), out _);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Contains("BEGIN RSA PRIVATE KEY", Key.PrivateKeyPem);
    }

    [Theory]
    [InlineData("v=DKIM1; k=rsa; p=ABC", "ABC")]              // the record as the portal shows it
    [InlineData("v=DKIM1;k=rsa;p=AB C\tD", "ABCD")]           // whitespace inside the key is ignored
    [InlineData("p=ABC; t=y", "ABC")]                         // other tags after it
    [InlineData("v=DKIM1; k=rsa", null)]                      // no key
    [InlineData("v=spf1 include:example.com ~all", null)]     // not a DKIM record at all
    public void ReadThePublicKeyOfARecord(string record, string? key) => Assert.Equal(key, Dkim.PublicKeyOf(record));

    private static MimeMessage NewMessage()
    {
        var message = new MimeMessage { Subject = "Your booking", MessageId = "1234@portal.example", Date = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Contoso Dental", "hello@contoso-dental.example"));
        message.To.Add(new MailboxAddress("Patient", "patient@people.example"));
        message.Sender = new MailboxAddress(string.Empty, "no-reply@portal.example");
        message.Body = new BodyBuilder { TextBody = "Your booking is confirmed for Monday – see you then.", HtmlBody = "<p>Your booking is confirmed for Monday &ndash; see you then.</p>" }.ToMessageBody();
        return message;
    }

    /// <summary>Signs, writes the message out as a transport would, and parses it back, optionally changing the bytes in between.</summary>
    private static MimeMessage SignedRoundTrip(Func<string, string>? alter = null)
    {
        var message = NewMessage();
        Dkim.Sign(message, Dkim.ReadPrivateKey(Key.PrivateKeyPem), "contoso-dental.example", "portal1");
        using var written = new MemoryStream();
        message.WriteTo(written);
        var text = System.Text.Encoding.ASCII.GetString(written.ToArray());
        return MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(alter?.Invoke(text) ?? text)));
    }

    private static bool Verify(MimeMessage message, string record)
    {
        var verifier = new DkimVerifier(new PublishedRecord(record));
        return verifier.Verify(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]);
    }

    /// <summary>The TXT record as DNS would return it.</summary>
    private sealed class PublishedRecord(string record) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(record);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(record));
    }
}
