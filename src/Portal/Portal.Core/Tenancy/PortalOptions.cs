namespace PartnerPortal.Tenancy;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The platform's own host; organizations get <c>{slug}.{PlatformDomain}</c>.</summary>
    public string PlatformDomain { get; set; } = "portal.localhost";

    public string PlatformName { get; set; } = "Cloudbase";

    /// <summary>Folder for the SQLite file, .eml files and uploads. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Scheme of links the portal builds (e-mails, redirects to another host).</summary>
    public string PublicScheme { get; set; } = "https";

    /// <summary>Port of links the portal builds; null means the listening port in development and none otherwise.</summary>
    public int? PublicPort { get; set; }
}

/// <summary>The "Tenancy" configuration section.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>Verify <c>.localhost</c> and <c>.test</c> custom domains without DNS (development and tests).</summary>
    public bool TrustLocalDomains { get; set; }

    /// <summary>How long a resolved (or unknown) host stays cached; changes evict it at once anyway.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where custom domains must point (their CNAME target); null or empty means the platform domain.</summary>
    public string? CnameTarget { get; set; }

    /// <summary>
    /// The DNS server(s) domain and DKIM checks ask, as <c>host:port</c> (comma-separated for several);
    /// null or empty means the system's resolvers.
    /// </summary>
    public string? DnsServer { get; set; }

    /// <summary>How often verified domains are re-checked (T2); zero turns the periodic re-check off.</summary>
    public TimeSpan DomainRecheckInterval { get; set; } = TimeSpan.FromHours(6);
}
