using System.Collections.Concurrent;
using System.Net.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Org.BouncyCastle.Crypto;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>
/// The current organization's outgoing address and its verified sending domain (T7, T8): the
/// address and name, a DKIM key pair, and verification of the published key by DNS. Changing the
/// address's domain or the key resets verification, so mail is never signed for a domain whose
/// DNS does not hold the key.
/// </summary>
public sealed class SenderDomain(
    PortalDbContext db,
    DnsRecords dns,
    AuditLog audit,
    ITenantContext tenants,
    IDataProtectionProvider protection,
    TimeProvider time,
    IOptions<PortalOptions> portal,
    IOptions<MailOptions> mail,
    IOptions<TenancyOptions> tenancy)
{
    private TenantInfo Tenant => tenants.Current ?? throw new InvalidOperationException("The sending domain needs a current organization.");

    /// <summary>The normalized domain of an address, or null.</summary>
    public static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at > 0 && HostName.TryNormalize(address![(at + 1)..], out var domain) ? domain : null;
    }

    /// <summary>
    /// Checks the display name and address a person typed. Returns null when they may be saved
    /// (with the address's domain normalized; empty clears it), else a message saying what to change.
    /// </summary>
    public static string? Validate(string? name, string? address, string platformDomain, out string? normalizedName, out string? normalizedAddress)
    {
        normalizedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        normalizedAddress = null;
        if (normalizedName is { Length: > 200 }) return "Use at most 200 characters for the sender name.";
        if (normalizedName is not null && normalizedName.AsSpan().IndexOfAny('\r', '\n') >= 0) return "Write the sender name on one line.";
        if (string.IsNullOrWhiteSpace(address)) return null;

        var value = address.Trim();
        if (value.Length > 254 || value.AsSpan().IndexOfAny('\r', '\n') >= 0 || !MailAddress.TryCreate(value, out var parsed)
            || parsed.Address != value || !string.IsNullOrEmpty(parsed.DisplayName) || value.Contains(' '))
            return "Enter a plain e-mail address, for example hello@example.com.";

        var domain = DomainOf(value);
        if (domain is null || !domain.Contains('.'))
            return "The address needs a domain name you own, for example hello@example.com.";
        if (domain == platformDomain || domain.EndsWith("." + platformDomain, StringComparison.Ordinal))
            return $"{domain} belongs to the platform. Use an address at a domain your organization owns.";

        normalizedAddress = $"{value[..value.LastIndexOf('@')]}@{domain}";
        return null;
    }

    public IDataProtector ProtectorFor(Guid organizationId) => protection.CreateProtector(Dkim.ProtectorPurpose, organizationId.ToString("N"));

    public Task<DkimKey?> KeyAsync(CancellationToken cancellationToken) =>
        db.DkimKeys.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>Saves the outgoing name and address; returns the error a person should read, or null.</summary>
    public async Task<string?> SaveAsync(string? name, string? address, CancellationToken cancellationToken)
    {
        if (Validate(name, address, PlatformDomain, out var newName, out var newAddress) is { } error) return error;
        if (string.Equals(newAddress, mail.Value.FromAddress, StringComparison.OrdinalIgnoreCase))
            return "That is the platform's own sending address. Use an address at a domain your organization owns.";

        var organization = await db.Organizations.SingleAsync(o => o.Id == Tenant.Id, cancellationToken);
        var branding = organization.Branding;
        if (branding.MailFromName == newName && string.Equals(branding.MailFromAddress, newAddress, StringComparison.OrdinalIgnoreCase)) return null;

        var resets = branding.SenderDomainVerified && DomainOf(branding.MailFromAddress) != DomainOf(newAddress);
        audit.Record("email.sender_changed",
            $"{branding.MailFromName} <{branding.MailFromAddress}> → {newName} <{newAddress}>{(resets ? "; the new domain must be verified" : string.Empty)}");
        branding.MailFromName = newName;
        branding.MailFromAddress = newAddress;
        if (resets) branding.SenderDomainVerified = false;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Generates a new DKIM key pair (a new selector each time, so the old record can stay while mail in flight is checked).</summary>
    public async Task<DkimKey> GenerateKeyAsync(CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        var (publicKey, privateKeyPem) = Dkim.Generate();
        var key = await db.DkimKeys.FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (key is null)
        {
            key = new DkimKey { Selector = "portal1", PublicKey = publicKey, ProtectedPrivateKey = string.Empty, CreatedAt = now };
            db.DkimKeys.Add(key);
        }
        else
        {
            key.Selector = NextSelector(key.Selector);
            key.PublicKey = publicKey;
            key.CreatedAt = now;
        }

        key.ProtectedPrivateKey = ProtectorFor(tenant.Id).Protect(privateKeyPem);

        // A new key is not in DNS yet: mail stops being signed (and sent From the organization)
        // until the new record is published and verified.
        var organization = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        organization.Branding.SenderDomainVerified = false;
        audit.Record("email.dkim_key_generated", $"selector {key.Selector}");
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>Looks the published key up in DNS; on success the domain is verified. Returns the problems, none on success.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        var organization = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        var domain = DomainOf(organization.Branding.MailFromAddress);
        if (domain is null) return ["Save an outgoing e-mail address first: its domain is the one to verify."];
        var key = await db.DkimKeys.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (key is null) return ["Generate a DKIM key first, then publish its TXT record."];
        if (organization.Branding.SenderDomainVerified) return [];

        if (!IsTrustedLocal(domain))
        {
            var name = key.RecordName(domain);
            var txt = await dns.TxtAsync(name, cancellationToken);
            if (txt.Failed) return [$"The DNS lookup for {name} failed: {txt.Error}. Try again in a few minutes."];
            if (txt.Values.Count == 0) return [$"No TXT record found at {name}. Create a TXT record there with the value shown below."];
            if (!txt.Values.Any(v => Dkim.PublicKeyOf(v) == key.PublicKey))
                return [$"The TXT record at {name} holds another key. Replace its value with the one shown below (generating a new key changes it)."];
        }

        organization.Branding.SenderDomainVerified = true;
        audit.Record("email.domain_verified", $"{domain} (selector {key.Selector})");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private string PlatformDomain => HostName.Normalize(portal.Value.PlatformDomain);

    private bool IsTrustedLocal(string domain) =>
        tenancy.Value.TrustLocalDomains && (domain.EndsWith(".localhost", StringComparison.Ordinal) || domain.EndsWith(".test", StringComparison.Ordinal));

    private static string NextSelector(string selector) =>
        selector.StartsWith("portal", StringComparison.Ordinal) && int.TryParse(selector.AsSpan(6), out var n) ? $"portal{n + 1}" : "portal1";
}

/// <summary>
/// Signs an outgoing message for its organization's verified domain (T8). Reads across tenants,
/// since the dispatcher sends every organization's mail; parsed keys are cached by their ciphertext,
/// so a rotated key is read afresh.
/// </summary>
public sealed class DkimSigning(IDataProtectionProvider protection)
{
    private readonly ConcurrentDictionary<Guid, (string Protected, AsymmetricKeyParameter Key)> _keys = new();

    /// <summary>Signs <paramref name="mime"/> when its From domain is its organization's verified sending domain; returns whether it did.</summary>
    public async Task<bool> SignAsync(PortalDbContext db, MimeMessage mime, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.TenantId == IMayBelongToPlatform.Platform) return false;
        var organizationId = message.TenantId;

        var sender = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == organizationId)
            .Select(o => new { o.Branding.MailFromAddress, o.Branding.SenderDomainVerified })
            .FirstOrDefaultAsync(cancellationToken);
        var domain = SenderDomain.DomainOf(sender?.MailFromAddress);
        if (sender is not { SenderDomainVerified: true } || domain is null || SenderDomain.DomainOf(message.FromAddress) != domain) return false;

        var key = await db.DkimKeys.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .FirstOrDefaultAsync(k => k.TenantId == organizationId, cancellationToken);
        if (key is null) return false;

        Dkim.Sign(mime, PrivateKey(key), domain, key.Selector);
        return true;
    }

    private AsymmetricKeyParameter PrivateKey(DkimKey key)
    {
        if (_keys.TryGetValue(key.TenantId, out var cached) && cached.Protected == key.ProtectedPrivateKey) return cached.Key;

        var pem = protection.CreateProtector(Dkim.ProtectorPurpose, key.TenantId.ToString("N")).Unprotect(key.ProtectedPrivateKey);
        var parsed = Dkim.ReadPrivateKey(pem);
        _keys[key.TenantId] = (key.ProtectedPrivateKey, parsed);
        return parsed;
    }
}
