using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Tenancy;

/// <summary>A DNS record a person must create at their DNS provider.</summary>
public sealed record DnsRecordToCreate(string Type, string Name, string Value);

/// <summary>
/// What DNS says about a custom domain: whether it points at the platform and holds its token.
/// <see cref="LookupFailed"/> means DNS could not be asked, which says nothing about the domain.
/// </summary>
public sealed record DomainCheck(bool PointsAtPlatform, bool HasToken, IReadOnlyList<string> Problems, bool LookupFailed = false)
{
    public bool Passed => PointsAtPlatform && HasToken && !LookupFailed;
}

/// <summary>
/// An organization's custom domains (T2): add, verify by a real DNS lookup, choose the primary
/// host, remove. Domains are global rows (one domain, one organization at most), so every query
/// here names the current organization itself. Each change is audited and saved in one unit of
/// work and raises <see cref="KernelEvents.OrganizationChanged"/>; the cache of hosts is evicted by
/// <see cref="TenantCacheInvalidation"/>.
/// </summary>
public sealed class CustomDomains(
    PortalDbContext db,
    DnsRecords dns,
    AuditLog audit,
    ITenantContext tenants,
    TimeProvider time,
    IOptions<PortalOptions> portal,
    IOptions<TenancyOptions> tenancy,
    IPlanLimits limits,
    IPortalEvents events)
{
    public const string VerificationPrefix = "_portal-verify.";

    private readonly string _platformDomain = HostName.Normalize(portal.Value.PlatformDomain);

    /// <summary>The host every custom domain's CNAME must reach.</summary>
    public string CnameTarget =>
        string.IsNullOrWhiteSpace(tenancy.Value.CnameTarget) ? _platformDomain : HostName.Normalize(tenancy.Value.CnameTarget);

    private TenantInfo Tenant => tenants.Current ?? throw new InvalidOperationException("Custom domains need a current organization.");

    /// <summary>
    /// Checks what a person typed and normalizes it (<see cref="HostName"/>). Returns null when it is
    /// a domain an organization may add, else a message that says what to type instead.
    /// </summary>
    public static string? Validate(string? raw, string platformDomain, out string host)
    {
        host = string.Empty;
        var value = raw?.Trim() ?? string.Empty;
        if (value.Length == 0) return "Enter a domain, for example portal.example.com.";
        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('/'))
            return "Enter the domain name only, without https:// or a path (for example portal.example.com).";
        if (IPAddress.TryParse(value.Trim('[', ']'), out _))
            return "Enter a domain name, not an IP address.";
        if (value.Contains(':')) return "Enter the domain name without a port.";
        if (!HostName.TryNormalize(value, out var normalized))
            return $"'{value}' is not a valid domain name. Use letters, digits, hyphens and dots, for example portal.example.com.";
        if (!normalized.Contains('.')) return "Enter a full domain name with a dot, for example portal.example.com.";
        if (normalized == platformDomain || normalized.EndsWith("." + platformDomain, StringComparison.Ordinal))
            return $"{normalized} belongs to the platform. Your organization already has its own address there; add a domain you own.";

        host = normalized;
        return null;
    }

    /// <summary>The records to create for <paramref name="domain"/>.</summary>
    public IReadOnlyList<DnsRecordToCreate> RecordsFor(OrganizationDomain domain) =>
    [
        new("CNAME", domain.Host, CnameTarget),
        new("TXT", VerificationPrefix + domain.Host, domain.VerificationToken),
    ];

    /// <summary>Whether a domain may be verified without DNS (development and tests, when the operator allows it).</summary>
    public bool IsTrustedLocal(string host) =>
        tenancy.Value.TrustLocalDomains && (host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".test", StringComparison.Ordinal));

    public Task<List<OrganizationDomain>> ListAsync(CancellationToken cancellationToken)
    {
        var organizationId = Tenant.Id;
        return db.OrganizationDomains.AsNoTracking()
            .Where(d => d.OrganizationId == organizationId)
            .OrderBy(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    public async Task<(OrganizationDomain? Domain, string? Error)> AddAsync(string? raw, CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        if (Validate(raw, _platformDomain, out var host) is { } error) return (null, error);

        var existing = await db.OrganizationDomains.AsNoTracking().FirstOrDefaultAsync(d => d.Host == host, cancellationToken);
        if (existing is not null)
        {
            // Never say which organization has it.
            return (null, existing.OrganizationId == tenant.Id
                ? $"{host} is already on your list."
                : $"{host} is already used by another organization. A domain can belong to one organization only.");
        }

        // A subdomain of a domain another organization verified is that organization's to give,
        // except that a reseller's clients may use subdomains of the reseller's own domain.
        var parents = ParentsOf(host);
        var takenParent = await db.OrganizationDomains.AsNoTracking()
            .Where(d => parents.Contains(d.Host) && d.VerifiedAt != null && d.OrganizationId != tenant.Id && d.OrganizationId != tenant.ResellerId)
            .Select(d => d.Host)
            .FirstOrDefaultAsync(cancellationToken);
        if (takenParent is not null)
            return (null, $"{host} is under {takenParent}, which another organization uses. Choose a domain your organization controls.");

        if (await limits.CheckAsync(tenant.Id, LimitKind.CustomDomains, 1, cancellationToken) is { Allowed: false } refused) return (null, refused.Message);

        var now = time.GetUtcNow().UtcDateTime;
        var domain = new OrganizationDomain
        {
            OrganizationId = tenant.Id,
            Host = host,
            VerificationToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            CreatedAt = now,
        };
        db.OrganizationDomains.Add(domain);
        audit.Record("domain.added", host);
        await SaveAsync(cancellationToken);
        return (domain, null);
    }

    /// <summary>Verifies one of the current organization's domains by DNS; nothing changes unless it passes.</summary>
    public async Task<(OrganizationDomain? Domain, IReadOnlyList<string> Problems)> VerifyAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var domain = await FindAsync(domainId, cancellationToken);
        if (domain is null) return (null, ["That domain is not on this organization's list any more."]);
        if (domain.VerifiedAt is not null) return (domain, []);

        if (!IsTrustedLocal(domain.Host))
        {
            var check = await CheckAsync(domain.Host, domain.VerificationToken, cancellationToken);
            if (!check.Passed) return (domain, check.Problems);
        }

        domain.VerifiedAt = time.GetUtcNow().UtcDateTime;
        domain.DnsProblem = null;
        domain.DnsWarningSentAt = null;
        audit.Record("domain.verified", domain.Host);
        await SaveAsync(cancellationToken);
        return (domain, []);
    }

    /// <summary>Makes a verified domain (or, with null, the platform subdomain) the host every other host redirects to.</summary>
    public async Task<(string? PrimaryHost, string? Error)> SetPrimaryAsync(Guid? domainId, CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        string? newPrimary = null;
        if (domainId is { } id)
        {
            var domain = await FindAsync(id, cancellationToken);
            if (domain is null) return (null, "That domain is not on this organization's list any more.");
            if (domain.VerifiedAt is null) return (null, $"{domain.Host} is not verified yet. Verify it before making it the primary address.");
            newPrimary = domain.Host;
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        if (organization.PrimaryHost != newPrimary)
        {
            audit.Record("domain.primary_changed", $"{organization.PrimaryHost ?? PlatformHostOf(organization)} → {newPrimary ?? PlatformHostOf(organization)}");
            organization.PrimaryHost = newPrimary;
            await SaveAsync(cancellationToken);
        }

        return (newPrimary ?? PlatformHostOf(organization), null);
    }

    /// <summary>Removes a domain; when it was the primary host the platform subdomain takes over.</summary>
    public async Task<(string? Host, string? Error)> RemoveAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var domain = await FindAsync(domainId, cancellationToken);
        if (domain is null) return (null, "That domain is not on this organization's list any more.");

        var organization = await db.Organizations.SingleAsync(o => o.Id == Tenant.Id, cancellationToken);
        if (organization.PrimaryHost == domain.Host)
        {
            audit.Record("domain.primary_changed", $"{domain.Host} → {PlatformHostOf(organization)} (primary domain removed)");
            organization.PrimaryHost = null;
        }

        db.OrganizationDomains.Remove(domain);
        audit.Record("domain.removed", domain.Host);
        await SaveAsync(cancellationToken);
        return (domain.Host, null);
    }

    /// <summary>
    /// Asks DNS whether <paramref name="host"/> reaches the platform (a CNAME chain to the target,
    /// or, for an apex domain that cannot have a CNAME, only the target's addresses) and whether
    /// its TXT record holds <paramref name="token"/>. Every problem is a sentence a person can act on.
    /// </summary>
    public async Task<DomainCheck> CheckAsync(string host, string token, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var target = CnameTarget;

        var (points, pointsError, pointsElsewhere) = await PointsAtTargetAsync(host, target, cancellationToken);
        if (pointsError is not null)
        {
            problems.Add($"The DNS lookup for {host} failed: {pointsError}. Try again in a few minutes.");
        }
        else if (!points)
        {
            problems.Add(pointsElsewhere is null
                ? $"{host} has no CNAME record. Create a CNAME record for {host} with the value {target}."
                : $"{host} points to {pointsElsewhere}, not to {target}. Change its CNAME record to {target}.");
        }

        var txtName = VerificationPrefix + host;
        var txt = await dns.TxtAsync(txtName, cancellationToken);
        var hasToken = !txt.Failed && txt.Values.Any(v => string.Equals(v.Trim(), token, StringComparison.Ordinal));
        if (txt.Failed)
        {
            problems.Add($"The DNS lookup for {txtName} failed: {txt.Error}. Try again in a few minutes.");
        }
        else if (txt.Values.Count == 0)
        {
            problems.Add($"No TXT record found at {txtName}. Create a TXT record there with the value {token}.");
        }
        else if (!hasToken)
        {
            problems.Add($"The TXT record at {txtName} does not hold this domain's verification token. Set its value to {token}.");
        }

        return new DomainCheck(points, hasToken, problems, pointsError is not null || txt.Failed);
    }

    private async Task<(bool Points, string? Error, string? Elsewhere)> PointsAtTargetAsync(string host, string target, CancellationToken cancellationToken)
    {
        // Follow a few CNAME hops: client.reseller.com → reseller-portal.com → the target is fine.
        var name = host;
        string? firstHop = null;
        for (var hop = 0; hop < 8; hop++)
        {
            var cname = await dns.CnameAsync(name, cancellationToken);
            if (cname.Failed) return (false, cname.Error, null);
            if (cname.Values.Count == 0) break;
            name = cname.Values[0];
            firstHop ??= name;
            if (name == target) return (true, null, null);
        }

        // An apex domain cannot have a CNAME: accept ALIAS/ANAME flattening or A records that
        // resolve only to the target's own addresses.
        var own = await dns.AddressesAsync(host, cancellationToken);
        if (own.Failed) return (false, own.Error, null);
        if (own.Values.Count > 0)
        {
            var targets = await dns.AddressesAsync(target, cancellationToken);
            if (targets.Failed) return (false, targets.Error, null);
            if (targets.Values.Count > 0 && own.Values.All(targets.Values.Contains)) return (true, null, null);
            return (false, null, firstHop ?? string.Join(", ", own.Values));
        }

        return (false, null, firstHop);
    }

    private Task<OrganizationDomain?> FindAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var organizationId = Tenant.Id;
        return db.OrganizationDomains.FirstOrDefaultAsync(d => d.Id == domainId && d.OrganizationId == organizationId, cancellationToken);
    }

    private string PlatformHostOf(Organization organization) => $"{organization.Slug}.{_platformDomain}";

    // Hosts are copied elsewhere (the reseller dashboard searches them): every change is announced.
    private Task SaveAsync(CancellationToken cancellationToken) =>
        events.SaveAndPublishAsync(db, new PortalEvent(Tenant.Id, null, KernelEvents.OrganizationChanged, time.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>The organization's address on the platform, <c>{slug}.{PlatformDomain}</c>.</summary>
    public string PlatformHostOf(TenantInfo tenant) => $"{tenant.Slug}.{_platformDomain}";

    private static List<string> ParentsOf(string host)
    {
        var parents = new List<string>();
        for (var dot = host.IndexOf('.'); dot >= 0 && host.IndexOf('.', dot + 1) >= 0; dot = host.IndexOf('.', dot + 1))
        {
            parents.Add(host[(dot + 1)..]);
        }

        return parents;
    }
}
