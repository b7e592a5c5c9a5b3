using System.ComponentModel;
using PartnerPortal.Accounts;

namespace PartnerPortal.Tenancy;

/// <summary>
/// What a request needs to know about its organization, cached per host so that a warm request
/// never reads the database to learn it. Branding is here because every page renders it.
/// </summary>
[ImmutableObject(true)]
public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    OrganizationKind Kind,
    OrganizationStatus Status,
    string PrimaryHost,
    Guid? ResellerId,
    string? ResellerName,
    TenantBranding Branding)
{
    /// <summary>A reseller's client never sees the platform's name (T4).</summary>
    public bool IsWhiteLabelled => ResellerId is not null;

    public static TenantInfo From(Organization org, string platformDomain, Guid? resellerId = null, string? resellerName = null)
    {
        var b = org.Branding;
        return new TenantInfo(
            org.Id,
            org.Slug,
            org.Name,
            org.Kind,
            org.Status,
            org.PrimaryHost ?? $"{org.Slug}.{platformDomain}",
            resellerId,
            resellerName,
            new TenantBranding(
                string.IsNullOrWhiteSpace(b.ProductName) ? org.Name : b.ProductName,
                BrandColors.IsValid(b.PrimaryColor) ? b.PrimaryColor : BrandColors.DefaultPrimary,
                BrandColors.IsValid(b.AccentColor) ? b.AccentColor : BrandColors.DefaultAccent,
                b.Theme,
                b.FooterText,
                b.SupportEmail,
                b.MailFromName,
                b.MailFromAddress,
                b.SenderDomainVerified));
    }
}

[ImmutableObject(true)]
public sealed record TenantBranding(
    string ProductName,
    string PrimaryColor,
    string AccentColor,
    string Theme,
    string? FooterText,
    string? SupportEmail,
    string? MailFromName,
    string? MailFromAddress,
    bool SenderDomainVerified);
