using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

public enum OrganizationKind
{
    Client = 0,
    Partner = 1,
}

public enum OrganizationStatus
{
    Active = 0,
    Suspended = 1,
}

/// <summary>A company using the product: its own tenant, with its own hosts and branding.</summary>
public class Organization : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The platform subdomain: <c>{Slug}.{PlatformDomain}</c>.</summary>
    public required string Slug { get; set; }

    public OrganizationKind Kind { get; set; }

    public OrganizationStatus Status { get; set; }

    /// <summary>A verified custom domain that all other hosts redirect to; null means the platform subdomain.</summary>
    public string? PrimaryHost { get; set; }

    /// <summary>The organization's industry, one of <see cref="Modularity.Industries.All"/>; null until its owners choose one. Partner programs count clients by it (P7).</summary>
    public string? Industry { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set by an owner: everyone signed in here must use two-factor sign-in (issue 15, A6).</summary>
    public bool RequireTwoFactor { get; set; }

    public Branding Branding { get; set; } = new();

    public List<OrganizationDomain> Domains { get; set; } = [];
}

/// <summary>Branding settings (T3). Uploaded images live in <see cref="PartnerPortal.Branding.BrandAsset"/>; their versions are here so pages link them without a query.</summary>
public class Branding
{
    public string? ProductName { get; set; }

    public string PrimaryColor { get; set; } = BrandColors.DefaultPrimary;

    public string AccentColor { get; set; } = BrandColors.DefaultAccent;

    /// <summary>The organization's own theme choice; null means its reseller's client theme, else <c>default</c> (T6).</summary>
    public string? Theme { get; set; }

    /// <summary>A reseller's default theme for clients that have not chosen one.</summary>
    public string? ClientTheme { get; set; }

    public string? FooterText { get; set; }

    public string? SupportEmail { get; set; }

    public string? SupportUrl { get; set; }

    public string? SupportPhone { get; set; }

    /// <summary>Content hash of the uploaded logo (its ETag and cache-busting version); null when there is none.</summary>
    public string? LogoVersion { get; set; }

    /// <summary>Content hash of the uploaded favicon; null means the one rendered from the theme (T5).</summary>
    public string? FaviconVersion { get; set; }

    public string? MailFromName { get; set; }

    public string? MailFromAddress { get; set; }

    /// <summary>Set once the sending domain's DKIM records verify (T8).</summary>
    public bool SenderDomainVerified { get; set; }
}

public static class BrandColors
{
    public const string DefaultPrimary = "#1D4ED8";
    public const string DefaultAccent = "#0F766E";

    /// <summary>Only <c>#rrggbb</c> reaches CSS; anything else falls back to the default.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 7 } && value[0] == '#' && value.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF") is false;
}

/// <summary>A custom domain of an organization (T2). A domain belongs to one organization at most.</summary>
public class OrganizationDomain : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>Normalized host name (see <see cref="Tenancy.HostName"/>).</summary>
    public required string Host { get; set; }

    public required string VerificationToken { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the periodic re-check last looked at this verified domain's DNS.</summary>
    public DateTime? LastCheckedAt { get; set; }

    /// <summary>What the last re-check found wrong (the domain stopped pointing at the platform); null while healthy.</summary>
    public string? DnsProblem { get; set; }

    /// <summary>When the owners were warned about <see cref="DnsProblem"/>; cleared once DNS is right again, so a later break warns again.</summary>
    public DateTime? DnsWarningSentAt { get; set; }
}

/// <summary>A partner serving a client account (R2, R3). Cross-tenant reads check this link.</summary>
public class PartnerClientLink : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    public Organization? Partner { get; set; }

    public Guid ClientId { get; set; }

    public Organization? Client { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EndedAt { get; set; }
}
