using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Modularity;

/// <summary>One installed module as the platform's module page shows it: whether it is on by default for each kind of organization.</summary>
public sealed record ModuleDefaultsRow(IPortalModule Module, bool OnForClients, bool OnForPartners, int OrganizationsWithOwnChoice);

/// <summary>One installed module in one organization: its own choice (null: the kind's default), the default, and the result.</summary>
public sealed record ModuleInOrganization(IPortalModule Module, bool? Chosen, bool Default)
{
    public bool IsOn => Chosen ?? Default;
}

/// <summary>
/// The platform admins' module switches (DESIGN "Modules"): a default per organization kind and a
/// choice per organization. Saving evicts the tenant cache (the save interceptor), so a switch
/// takes effect on the next request; an organization's change is audited in its own log.
/// </summary>
public sealed partial class ModuleSettings(
    PortalDbContext db,
    PlatformSettings settings,
    InstalledModules modules,
    ITenantStore store,
    ITenantContext tenants,
    AuditLog audit,
    TimeProvider time,
    ILogger<ModuleSettings> logger)
{
    public async Task<IReadOnlyList<ModuleDefaultsRow>> DefaultsAsync(CancellationToken cancellationToken = default)
    {
        var stored = await settings.ReadAsync(ModuleDefaults.Prefix, cancellationToken);
        // Counting every organization's choices is this page's job: the platform admin sees across tenants.
        var chosen = await db.Set<OrganizationModule>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .GroupBy(m => m.Module).Select(g => new { Module = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Module, g => g.Count, cancellationToken);
        return modules.All.Select(m => new ModuleDefaultsRow(
                m,
                ModuleDefaults.IsOn(m, OrganizationKind.Client, stored),
                ModuleDefaults.IsOn(m, OrganizationKind.Partner, stored),
                chosen.GetValueOrDefault(m.Name)))
            .ToList();
    }

    /// <summary>Sets the default of every installed module for both kinds at once (the page's one form); returns what changed, in words.</summary>
    public async Task<IReadOnlyList<string>> SaveDefaultsAsync(IReadOnlySet<(string Module, OrganizationKind Kind)> on, string admin, CancellationToken cancellationToken = default)
    {
        var stored = await settings.ReadAsync(ModuleDefaults.Prefix, cancellationToken);
        var changes = new List<string>();
        foreach (var module in modules.All)
        {
            foreach (var kind in Enum.GetValues<OrganizationKind>())
            {
                var wanted = on.Contains((module.Name, kind));
                if (ModuleDefaults.IsOn(module, kind, stored) == wanted) continue;
                await settings.SetAsync(ModuleDefaults.Key(module.Name, kind), wanted ? "on" : "off", cancellationToken);
                changes.Add($"{module.Title} is {(wanted ? "on" : "off")} by default for {Plural(kind)}");
            }
        }

        if (changes.Count == 0) return changes;
        await db.SaveChangesAsync(cancellationToken);
        LogDefaultsChanged(logger, admin, string.Join("; ", changes));
        return changes;
    }

    /// <summary>Every installed module in one organization, or null when there is no such organization.</summary>
    public async Task<IReadOnlyList<ModuleInOrganization>?> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var kind = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => (OrganizationKind?)o.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null) return null;
        var stored = await settings.ReadAsync(ModuleDefaults.Prefix, cancellationToken);
        var chosen = await db.Set<OrganizationModule>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == organizationId)
            .ToDictionaryAsync(m => m.Module, m => m.IsOn, cancellationToken);
        return modules.All
            .Select(m => new ModuleInOrganization(m, chosen.TryGetValue(m.Name, out var on) ? on : null, ModuleDefaults.IsOn(m, kind.Value, stored)))
            .ToList();
    }

    /// <summary>
    /// Sets one organization's choices (null: follow the kind's default) and audits each change in
    /// the organization's own log; returns what changed, in words, or null when there is no such organization.
    /// </summary>
    public async Task<IReadOnlyList<string>?> SaveAsync(Guid organizationId, IReadOnlyDictionary<string, bool?> choices, CancellationToken cancellationToken = default)
    {
        if (await store.FindByIdAsync(organizationId, cancellationToken) is not { } organization) return null;
        var current = await ForOrganizationAsync(organizationId, cancellationToken);
        if (current is null) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var changes = new List<string>();
        using (tenants.Change(organization))
        {
            var rows = await db.Set<OrganizationModule>().ToListAsync(cancellationToken);
            foreach (var state in current)
            {
                if (!choices.TryGetValue(state.Module.Name, out var wanted) || wanted == state.Chosen) continue;
                var row = rows.FirstOrDefault(r => r.Module == state.Module.Name);
                if (wanted is null)
                {
                    if (row is not null) db.Set<OrganizationModule>().Remove(row);
                }
                else
                {
                    if (row is null) db.Set<OrganizationModule>().Add(row = new OrganizationModule { Module = state.Module.Name });
                    row.IsOn = wanted.Value;
                    row.ChangedAt = now;
                }

                var result = wanted ?? state.Default;
                var change = $"{state.Module.Title}: {(result ? "on" : "off")}{(wanted is null ? " (the default)" : string.Empty)}";
                audit.Record("module.switched", change);
                changes.Add(change);
            }

            if (changes.Count > 0) await db.SaveChangesAsync(cancellationToken);
        }

        return changes;
    }

    public static string Plural(OrganizationKind kind) => kind == OrganizationKind.Partner ? "partners" : "clients";


    [LoggerMessage(Level = LogLevel.Information, Message = "Platform admin {Admin} changed module defaults: {Changes}.")]
    private static partial void LogDefaultsChanged(ILogger logger, string admin, string changes);
}
