using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;

namespace PartnerPortal.Modularity;

/// <summary>
/// A feature module. The host lists its modules explicitly (no assembly scanning, no static
/// state), so two hosts with different module lists can run in one process. Everything a module
/// adds to shared screens it declares through <see cref="IShellContributions"/>; the host, the
/// kernel and the themes render what they are given and never name a module's route or type.
/// </summary>
public interface IPortalModule : IShellContributions
{
    /// <summary>Area name, table prefix and key of the per-organization module switch.</summary>
    string Name { get; }

    /// <summary>What platform admins read on the module switches page, e.g. "Client accounts and log in as client".</summary>
    string Title => Name;

    /// <summary>Whether the module is on for an organization of <paramref name="kind"/> that nobody switched; platform admins can change the default per kind.</summary>
    bool IsOnByDefault(OrganizationKind kind) => true;

    /// <summary>Registers the module's services, jobs and pages (its assembly as an application part).</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>
    /// Says who may open each folder and page of the module's area (<see cref="PortalPageConventions"/>),
    /// broad folders first. The host has already tied every page of the area to the module's switch;
    /// a page no convention covers answers 404.
    /// </summary>
    void ConfigurePages(PageConventionCollection conventions) { }

    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>Maps the module's endpoints. They are grouped by the host: each carries the module's switch, and must declare its <see cref="Audience"/>.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

/// <summary>The modules installed in this host, in the order the host listed them.</summary>
public sealed class InstalledModules(IReadOnlyList<IPortalModule> modules)
{
    public IReadOnlyList<IPortalModule> All { get; } = modules;

    public IPortalModule? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
