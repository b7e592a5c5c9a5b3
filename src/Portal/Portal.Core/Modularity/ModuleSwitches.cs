using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Modularity;

/// <summary>A platform admin's choice for one module in one organization; without one the organization kind's default applies.</summary>
public class OrganizationModule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>The module's <see cref="IPortalModule.Name"/>.</summary>
    public required string Module { get; set; }

    public bool IsOn { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>
/// The switch as the tenant cache holds it: a module is on for an organization when installed and
/// its own choice, else its kind's default, says so. Warm requests and jobs ask the cache only.
/// </summary>
public sealed class ModuleSwitch(InstalledModules modules, ITenantStore store) : IModuleSwitch
{
    public async ValueTask<bool> IsOnAsync(string module, Guid organizationId, CancellationToken cancellationToken = default) =>
        modules.Find(module) is not null
        && await store.FindByIdAsync(organizationId, cancellationToken) is { } organization
        && organization.IsModuleOn(module);

    /// <summary>The installed modules switched off for one organization, from its choices and its kind's defaults (read when the cache misses).</summary>
    public static async Task<IReadOnlySet<string>> OffForAsync(PortalDbContext db, InstalledModules modules, Guid organizationId, OrganizationKind kind, CancellationToken cancellationToken)
    {
        if (modules.All.Count == 0) return new HashSet<string>();
        // The tenant store reads every organization's switches: this is its job, not a leak.
        var chosen = await db.Set<OrganizationModule>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == organizationId)
            .ToDictionaryAsync(m => m.Module, m => m.IsOn, cancellationToken);
        var defaults = await db.Set<PlatformSetting>().AsNoTracking()
            .Where(s => s.Key.StartsWith(ModuleDefaults.Prefix))
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return modules.All
            .Where(m => !(chosen.TryGetValue(m.Name, out var on) ? on : ModuleDefaults.IsOn(m, kind, defaults)))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>A module's default per organization kind, kept as platform settings <c>module:{Name}:{Kind}</c> = <c>on</c>/<c>off</c>.</summary>
public static class ModuleDefaults
{
    public const string Prefix = "module:";

    public static string Key(string module, OrganizationKind kind) => $"{Prefix}{module}:{kind}";

    /// <summary>The stored default, else the module's own.</summary>
    public static bool IsOn(IPortalModule module, OrganizationKind kind, IReadOnlyDictionary<string, string> stored) =>
        stored.TryGetValue(Key(module.Name, kind), out var value) ? value == "on" : module.IsOnByDefault(kind);
}
