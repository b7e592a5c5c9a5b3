using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Hosting;

public static class DataExtensions
{
    /// <summary>
    /// Installs the modules of <see cref="PortalModuleList"/>; <c>Modules:Installed</c> (names,
    /// comma-separated; empty for none) installs only some, for a slimmer deployment or a test host.
    /// </summary>
    public static IServiceCollection AddPortalModules(this IServiceCollection services, IConfiguration configuration)
    {
        var modules = PortalModuleList.Create();
        if (configuration["Modules:Installed"] is { } installed)
        {
            var names = installed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.FirstOrDefault(n => modules.All(m => m.Name != n)) is { } unknown)
            {
                throw new InvalidOperationException($"Modules:Installed names '{unknown}', which is not a module of this host ({string.Join(", ", modules.Select(m => m.Name))}).");
            }

            modules = modules.Where(m => names.Contains(m.Name)).ToList();
        }

        foreach (var module in modules)
        {
            module.AddServices(services, configuration);
        }

        var installedModules = new InstalledModules(modules);
        services.AddSingleton(installedModules);
        services.AddSingleton<IModuleSwitch, ModuleSwitch>();
        services.AddSingleton(new ShellCatalog(new HostShell(), installedModules));
        services.AddScoped<Shell>();
        services.AddScoped<PlatformSettings>();
        // Modules were added above: a solutions module's catalog wins, else there are no solutions.
        services.TryAddScoped<ISolutionCatalog, NoSolutions>();
        // Likewise a partner program's standings, else no partner has a tier.
        services.TryAddScoped<IPartnerStanding, NoPartnerStanding>();
        services.AddScoped<ModuleSettings>();
        return services;
    }

    /// <summary>Each module's endpoints, grouped so that every one carries the module's switch.</summary>
    public static WebApplication MapPortalModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetRequiredService<InstalledModules>().All)
        {
            module.MapEndpoints(app.MapGroup(string.Empty).WithMetadata(new OfModule(module.Name)));
        }

        return app;
    }

    /// <summary>SQLite (embedded default, a file under the data folder), PostgreSQL or SQL Server (database servers).</summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Portal");
        services.AddSingleton(TimeProvider.System);

        if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is empty.");
            }

            services.AddDbContext<SqlServerPortalDbContext>((sp, options) => options
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .ForInstalledModules(sp));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlServerPortalDbContext>());
        }
        else if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Portal is empty.");
            }

            PostgreSqlPortalDbContext.UseUtcDateTimesWithoutKind();
            services.AddDbContext<PostgreSqlPortalDbContext>((sp, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .ForInstalledModules(sp));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<PostgreSqlPortalDbContext>());
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataDirectory = Path.GetFullPath(configuration["Portal:DataDirectory"] ?? "data", environment.ContentRootPath);
                Directory.CreateDirectory(dataDirectory);
                connectionString = $"Data Source={Path.Combine(dataDirectory, "portal.db")};Default Timeout=30";
            }

            services.AddDbContext<SqlitePortalDbContext>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .ForInstalledModules(sp));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlitePortalDbContext>());
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite, PostgreSql or SqlServer.");
        }

        return services;
    }

    /// <summary>
    /// The migrations create every module's tables; a host with fewer modules has a smaller model
    /// than the last migration, which EF would report as pending changes. Only then is that
    /// warning quiet (ModelShould checks the full model against the migrations).
    /// </summary>
    private static DbContextOptionsBuilder ForInstalledModules(this DbContextOptionsBuilder options, IServiceProvider services) =>
        services.GetRequiredService<InstalledModules>().All.Count == PortalModuleList.Create().Count
            ? options
            : options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
}
