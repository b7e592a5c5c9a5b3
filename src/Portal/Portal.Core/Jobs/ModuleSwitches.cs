using PartnerPortal.Modularity;

namespace PartnerPortal.Jobs;

/// <summary>How a module's job skips the organizations that switched its module off (DESIGN "Modules").</summary>
public static class ModuleSwitches
{
    /// <summary>Those of <paramref name="organizationIds"/> where <paramref name="module"/> is on; each organization is asked once.</summary>
    public static async Task<HashSet<Guid>> OrganizationsOnAsync(this IModuleSwitch switches, string module, IEnumerable<Guid> organizationIds, CancellationToken cancellationToken)
    {
        var on = new HashSet<Guid>();
        foreach (var id in organizationIds.Distinct())
        {
            if (await switches.IsOnAsync(module, id, cancellationToken)) on.Add(id);
        }

        return on;
    }
}
