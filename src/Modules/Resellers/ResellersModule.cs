using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Impersonation;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers;

/// <summary>The reseller program (R1–R15, A5): area "Resellers", tables <c>Resellers_*</c>.</summary>
public sealed class ResellersModule : IPortalModule
{
    public const string ModuleName = "Resellers";

    public string Name => ModuleName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddImpersonation(configuration);
        services.AddScoped<ClientRows>();
        services.AddScoped<IInterceptor, ClientRowsRefresh>();
        services.AddScoped<ClientList>();
        services.AddScoped<ResellerProgram>();
        services.AddScoped<ClientAccounts>();
        services.AddScoped<ConnectRequests>();
        services.AddScoped<ResellerMerge>();
        // One setting for both: the dashboard repair runs as often as deleted clients are looked for.
        var maintenance = configuration.GetValue("Resellers:MaintenanceInterval", TimeSpan.FromMinutes(10));
        services.AddPortalJob<ClientPurge>(ClientPurge.JobName, "Purges deleted client accounts once their grace period has passed", maintenance, ModuleName);
        services.AddPortalJob<ClientRowsRepair>(ClientRowsRepair.JobName, "Rebuilds the client dashboard's rows from the accounts they show", maintenance, ModuleName);
        services.Configure<MvcOptions>(options =>
        {
            options.Filters.Add<DeletedClientGuard>();
            options.Filters.Add<ActivityTracking>();
        });

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(ResellersModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    public void ConfigureModel(ModelBuilder modelBuilder) => ResellersModel.Configure(modelBuilder);

    public IEnumerable<NavItem> Navigation => [];
}
