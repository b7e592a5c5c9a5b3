using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Impersonation;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers;

/// <summary>The reseller program (R1–R15, A5): area "Resellers", tables <c>Resellers_*</c>.</summary>
public sealed class ResellersModule : IPortalModule
{
    public string Name => "Resellers";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddImpersonation(configuration);
        services.AddScoped<ClientRows>();
        services.AddScoped<IPortalEventHandler, ClientRowsFollower>();
        services.AddScoped<ClientList>();
        services.AddScoped<ResellerProgram>();
        services.AddScoped<ClientAccounts>();
        services.AddScoped<ConnectRequests>();
        services.AddScoped<ResellerMerge>();
        services.AddSingleton<ClientPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientPurge>());
        services.Configure<MvcOptions>(options =>
        {
            options.Filters.Add<DeletedClientGuard>();
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
