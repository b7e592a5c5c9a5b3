namespace PartnerPortal.Modularity;

/// <summary>
/// Whether a module is switched on for an organization (DESIGN "Modules"): platform admins turn a
/// module on or off per organization, with a default per organization kind. A switched-off
/// module's pages and endpoints answer 404 on that organization's hosts, its navigation
/// disappears, and its jobs skip that organization. Answers from the tenant cache: no query on a
/// warm request.
/// </summary>
public interface IModuleSwitch
{
    /// <summary>True when <paramref name="module"/> (an <see cref="IPortalModule.Name"/>) is installed and on for <paramref name="organizationId"/>.</summary>
    ValueTask<bool> IsOnAsync(string module, Guid organizationId, CancellationToken cancellationToken = default);
}

/// <summary>Until per-organization switches are stored: every installed module is on everywhere.</summary>
public sealed class InstalledModulesOn(InstalledModules modules) : IModuleSwitch
{
    public ValueTask<bool> IsOnAsync(string module, Guid organizationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(modules.All.Any(m => string.Equals(m.Name, module, StringComparison.Ordinal)));
}
