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
/// Whether a module is on for organizations of one kind that nobody switched. Global: it is the
/// platform's setting, for every organization of that kind. Without a row the module's own
/// <see cref="IPortalModule.IsOnByDefault"/> applies.
/// </summary>
public class ModuleDefault : IGlobalEntity
{
    public required string Module { get; set; }

    public OrganizationKind Kind { get; set; }

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
        var defaults = await db.Set<ModuleDefault>().AsNoTracking()
            .Where(d => d.Kind == kind)
            .ToDictionaryAsync(d => d.Module, d => d.IsOn, cancellationToken);
        return modules.All
            .Where(m => !(chosen.TryGetValue(m.Name, out var on) ? on : defaults.TryGetValue(m.Name, out var byKind) ? byKind : m.IsOnByDefault(kind)))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
    }
}
