using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using PartnerPortal.Data;

namespace PartnerPortal.Mail;

/// <summary>
/// An organization's DKIM key pair (T8). The public half is published by the organization in DNS;
/// the private half is stored only as Data Protection ciphertext bound to the organization.
/// </summary>
public class DkimKey : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>The DKIM selector: the record lives at <c>{Selector}._domainkey.{domain}</c>.</summary>
    public required string Selector { get; set; }

    /// <summary>The public key as base64 SubjectPublicKeyInfo: the <c>p=</c> tag of the record.</summary>
    public required string PublicKey { get; set; }

    /// <summary>The PEM private key, protected with the purpose <see cref="Dkim.ProtectorPurpose"/> and the tenant id.</summary>
    public required string ProtectedPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The TXT record name for <paramref name="domain"/>.</summary>
    public string RecordName(string domain) => $"{Selector}._domainkey.{domain}";

    /// <summary>The TXT record value to publish.</summary>
    public string RecordValue => $"v=DKIM1; k=rsa; p={PublicKey}";
}

/// <summary>Generating key pairs and signing messages with them; no storage, no I/O.</summary>
public static class Dkim
{
    public const string ProtectorPurpose = "PartnerPortal.Dkim";
    public const int KeySize = 2048;

    /// <summary>The headers a signature covers; a header a message lacks is skipped.</summary>
    public static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.Sender, HeaderId.ReplyTo, HeaderId.To, HeaderId.Cc, HeaderId.Subject,
        HeaderId.Date, HeaderId.MessageId, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    /// <summary>A new RSA key pair: base64 SubjectPublicKeyInfo and a PKCS#1 PEM private key.</summary>
    public static (string PublicKey, string PrivateKeyPem) Generate()
    {
        using var rsa = RSA.Create(KeySize);
        return (Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), rsa.ExportRSAPrivateKeyPem());
    }

    public static AsymmetricKeyParameter ReadPrivateKey(string pem)
    {
        using var reader = new StringReader(pem);
        return new PemReader(reader).ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } key => key,
            _ => throw new InvalidOperationException("The stored DKIM key is not an RSA private key."),
        };
    }

    /// <summary>
    /// Adds a DKIM-Signature (rsa-sha256, relaxed/relaxed) for <paramref name="domain"/>. The message
    /// is first prepared for 7-bit transport so no relay re-encodes, and so breaks, the signed body.
    /// </summary>
    public static void Sign(MimeMessage message, AsymmetricKeyParameter privateKey, string domain, string selector)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        var signer = new DkimSigner(privateKey, domain, selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        signer.Sign(message, SignedHeaders);
    }

    /// <summary>The <c>p=</c> value of a DKIM TXT record, whitespace removed; null when it has none.</summary>
    public static string? PublicKeyOf(string record)
    {
        foreach (var tag in record.Split(';'))
        {
            var equals = tag.IndexOf('=');
            if (equals < 0 || tag[..equals].Trim() != "p") continue;
            return string.Concat(tag[(equals + 1)..].Where(c => !char.IsWhiteSpace(c)));
        }

        return null;
    }
}
