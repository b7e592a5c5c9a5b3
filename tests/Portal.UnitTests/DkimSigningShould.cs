using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Data;

namespace PartnerPortal.UnitTests;

/// <summary>
/// T8 as the outbox dispatcher applies it: a message is signed only when it is From its
/// organization's verified sending domain and the organization has a key.
/// </summary>
public sealed class DkimSigningShould : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly TenantContext _tenants = new();
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private readonly Organization _org = new() { Name = "Contoso Dental", Slug = "contoso" };

    public DkimSigningShould()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        _org.Branding.MailFromAddress = "hello@contoso-dental.example";
        _org.Branding.SenderDomainVerified = true;
        db.Organizations.Add(_org);
        db.SaveChanges();

        using var _ = _tenants.Change(TenantInfo.From(_org, "portal.example"));
        var (publicKey, privateKeyPem) = Dkim.Generate();
        db.DkimKeys.Add(new DkimKey
        {
            Selector = "portal1",
            PublicKey = publicKey,
            ProtectedPrivateKey = _protection.CreateProtector(Dkim.ProtectorPurpose, _org.Id.ToString("N")).Protect(privateKeyPem),
        });
        db.SaveChanges();
    }

    [Fact]
    public async Task PutADkimHeaderOnAMessageFromTheVerifiedDomain()
    {
        var (signed, mime) = await SignAsync("hello@contoso-dental.example", _org.Id);
        Assert.True(signed);
        var header = mime.Headers[HeaderId.DkimSignature];
        Assert.NotNull(header);
        Assert.Contains("d=contoso-dental.example", header);
        Assert.Contains("s=portal1", header);
    }

    [Theory]
    [InlineData("no-reply@portal.example")]       // From the platform (not verified at queue time)
    [InlineData("hello@another-domain.example")]  // another domain than the verified one
    public async Task LeaveMailFromAnotherDomainUnsigned(string from)
    {
        var (signed, mime) = await SignAsync(from, _org.Id);
        Assert.False(signed);
        Assert.Null(mime.Headers[HeaderId.DkimSignature]);
    }

    [Fact]
    public async Task LeaveMailUnsignedOnceVerificationIsReset()
    {
        using (var db = NewContext())
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _org.Id);
            org.Branding.SenderDomainVerified = false;
            await db.SaveChangesAsync();
        }

        Assert.False((await SignAsync("hello@contoso-dental.example", _org.Id)).Signed);
    }

    [Fact]
    public async Task LeavePlatformMailUnsigned() => Assert.False((await SignAsync("no-reply@portal.example", null)).Signed);

    [Fact]
    public async Task NotSignWithAKeyProtectedForAnotherOrganization()
    {
        // A key row copied to another organization cannot be unprotected there.
        var other = new Organization { Name = "Copycat", Slug = "copycat" };
        other.Branding.MailFromAddress = "hello@contoso-dental.example";
        other.Branding.SenderDomainVerified = true;
        using (var db = NewContext())
        {
            db.Organizations.Add(other);
            await db.SaveChangesAsync();
            var original = await db.DkimKeys.IgnoreQueryFilters().AsNoTracking().SingleAsync();
            using var _ = _tenants.Change(TenantInfo.From(other, "portal.example"));
            db.DkimKeys.Add(new DkimKey { Selector = "portal1", PublicKey = original.PublicKey, ProtectedPrivateKey = original.ProtectedPrivateKey });
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => SignAsync("hello@contoso-dental.example", other.Id));
    }

    private async Task<(bool Signed, MimeMessage Mime)> SignAsync(string from, Guid? organizationId)
    {
        var message = new OutboxMessage
        {
            TenantId = organizationId ?? PartnerPortal.Data.IMayBelongToPlatform.Platform,
            Template = "invitation",
            ToAddress = "patient@people.example",
            FromAddress = from,
            Subject = "Hello",
            HtmlBody = "<p>Hello</p>",
            TextBody = "Hello",
        };
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Body = new TextPart("plain") { Text = message.TextBody };
        using var db = NewContext();
        return (await new DkimSigning(_protection).SignAsync(db, mime, message, CancellationToken.None), mime);
    }

    private SqlitePortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options, _tenants, new InstalledModules([]));

    public void Dispose() => _connection.Dispose();
}
