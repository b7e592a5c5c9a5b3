using System.ComponentModel;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;

namespace PartnerPortal.Tenancy;

/// <summary>
/// What a request needs to know about its organization, cached per host so that a warm request
/// never reads the database to learn it. Its brand is here because every page renders it.
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
    Brand Branding)
{
    /// <summary>A reseller's client never sees the platform's name (T4).</summary>
    public bool IsWhiteLabelled => ResellerId is not null;

    /// <summary>Whether its owners require two-factor sign-in of everyone signed in here.</summary>
    public bool RequiresTwoFactor { get; init; }

    /// <summary>Installed modules switched off for this organization (DESIGN "Modules"); cached with the rest.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ModuleNamesConverter))]
    public IReadOnlySet<string> ModulesOff { get; init; } = NoModules;

    private static readonly IReadOnlySet<string> NoModules = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the module named <paramref name="module"/> is switched on here (installing it is the host's business).</summary>
    public bool IsModuleOn(string module) => !ModulesOff.Contains(module);

    /// <param name="resellerBranding">The reseller's own branding: its client theme and support contact are this client's defaults (T3).</param>
    public static TenantInfo From(Organization org, string platformDomain, Guid? resellerId = null, string? resellerName = null, Accounts.Branding? resellerBranding = null) =>
        new(
            org.Id,
            org.Slug,
            org.Name,
            org.Kind,
            org.Status,
            org.PrimaryHost ?? $"{org.Slug}.{platformDomain}",
            resellerId,
            resellerName,
            Brand.Resolve(org, resellerId is null ? null : resellerBranding))
        {
            RequiresTwoFactor = org.RequireTwoFactor,
        };

    /// <summary>Redis (HybridCache's second level) keeps tenants as JSON: the set is written as a list and read back as the ordinal set it was.</summary>
    private sealed class ModuleNamesConverter : System.Text.Json.Serialization.JsonConverter<IReadOnlySet<string>>
    {
        public override IReadOnlySet<string> Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            new HashSet<string>(System.Text.Json.JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [], StringComparer.Ordinal);

        public override void Write(System.Text.Json.Utf8JsonWriter writer, IReadOnlySet<string> value, System.Text.Json.JsonSerializerOptions options) =>
            System.Text.Json.JsonSerializer.Serialize(writer, value.Order(StringComparer.Ordinal).ToList(), options);
    }
}
