using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Modularity;

/// <summary>
/// A feature module. The host lists its modules explicitly (no assembly scanning, no static
/// state), so two hosts with different module lists can run in one process.
/// </summary>
public interface IPortalModule
{
    /// <summary>Area name, table prefix and key of the per-tenant module switch.</summary>
    string Name { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void ConfigureModel(ModelBuilder modelBuilder);

    IEnumerable<NavItem> Navigation { get; }

    void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

/// <summary>A link a module adds to the tenant navigation.</summary>
public sealed record NavItem(string Text, string Path, string? RequiredOrganizationRole = null);

/// <summary>The modules installed in this host, in the order the host listed them.</summary>
public sealed class InstalledModules(IReadOnlyList<IPortalModule> modules)
{
    public IReadOnlyList<IPortalModule> All { get; } = modules;
}
