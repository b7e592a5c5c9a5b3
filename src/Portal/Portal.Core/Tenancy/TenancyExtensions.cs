using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.Jobs;
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
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Redis is HybridCache's second level (an IDistributedCache is picked up by it) and carries
            // evictions to every instance; without it each instance caches alone (one instance only).
            var prefix = new RedisPrefix(configuration["Redis:InstanceName"] ?? "portal:");
            services.AddSingleton(prefix);
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis));
            services.AddStackExchangeRedisCache(o => o.InstanceName = prefix.Value);
            services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
                .Configure<StackExchange.Redis.IConnectionMultiplexer>((o, connection) => o.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
            services.AddSingleton<ITenantCacheBus, RedisTenantCacheBus>();
        }
        else
        {
            services.AddSingleton<ITenantCacheBus, LocalTenantCacheBus>();
        }

        services.AddSingleton<ITenantContext, TenantContext>();
        services.AddSingleton<ITenantStore, TenantStore>();
        services.AddSingleton<TenantUrls>();
        // Every registered IInterceptor joins the database context; this one evicts cached hosts.
        services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, TenantCacheInvalidation>();
        services.AddSingleton<DnsRecords>();
        services.AddScoped<CustomDomains>();
        services.AddPortalJob<DomainRecheck, TenancyOptions>(DomainRecheck.JobName, "Checks the DNS of verified custom domains and warns owners once when one stops pointing here", o => o.DomainRecheckInterval);
        return services;
    }

    /// <summary>
    /// Caddy's on-demand TLS <c>ask</c> endpoint: 200 for a host the portal serves (a verified
    /// custom domain, the platform domain, an organization's platform subdomain), else 404, so no
    /// certificate is ever requested for a name nobody owns. Answered on the platform host only.
    /// </summary>
    public static IEndpointRouteBuilder MapOnDemandTlsCheck(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_domains/allowed", async (HttpContext context, string? domain, ITenantStore store) =>
        {
            if (context.Tenancy()?.IsPlatform != true) return Results.NotFound();
            if (!HostName.TryNormalize(domain, out var host)) return Results.NotFound();
            var resolution = await store.ResolveAsync(host, context.RequestAborted);
            return resolution.Kind == HostKind.Unknown ? Results.NotFound() : Results.Ok();
        }).WithMetadata(Accounts.Audience.Anyone);
        return endpoints;
    }

    /// <summary>Resolves the tenant for every request except the health probes, which need none.</summary>
    public static IApplicationBuilder UsePortalTenancy(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseMiddleware<TenantResolutionMiddleware>());

    public static TenantFeature? Tenancy(this HttpContext context) => context.Features.Get<TenantFeature>();
}
