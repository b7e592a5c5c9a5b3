using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Tenancy;

public static class TenancyExtensions
{
    public static IServiceCollection AddPortalTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<TenancyOptions>(configuration.GetSection(TenancyOptions.Section));
        services.AddHybridCache();
        services.AddSingleton<ITenantContext, TenantContext>();
        services.AddSingleton<ITenantStore, TenantStore>();
        services.AddSingleton<TenantUrls>();
        services.AddScoped<TenantCacheInvalidation>();
        return services;
    }

    /// <summary>Resolves the tenant for every request except the health probes, which need none.</summary>
    public static IApplicationBuilder UsePortalTenancy(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseMiddleware<TenantResolutionMiddleware>());

    public static TenantFeature? Tenancy(this HttpContext context) => context.Features.Get<TenantFeature>();
}
