using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Hosting;

public static class DataExtensions
{
    public static IServiceCollection AddPortalModules(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IPortalModule> extra)
    {
        var modules = PortalModuleList.Create().Concat(extra).ToList();
        foreach (var module in modules)
        {
            module.AddServices(services, configuration);
        }

        services.AddSingleton(new InstalledModules(modules));
        services.AddSingleton<IModuleSwitch, InstalledModulesOn>();
        return services;
    }

    /// <summary>SQLite (embedded default, a file under the data folder) or SQL Server (production).</summary>
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
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlServerPortalDbContext>());
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
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlitePortalDbContext>());
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite or SqlServer.");
        }

        return services;
    }
}
