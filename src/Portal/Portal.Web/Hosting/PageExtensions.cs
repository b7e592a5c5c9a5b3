using PartnerPortal.Accounts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;
using PartnerPortal.Web.Branding;

namespace PartnerPortal.Web.Hosting;

public static class PageExtensions
{
    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        services
            .AddRazorPages(options =>
            {
                options.Conventions.AuthorizeAreaFolder("Platform", "/", AccountExtensions.PlatformAdminPolicy);
                options.Conventions.AddPageRoute("/Error", "/error/{code:int}");
                // A reseller edits its client's sender from its own host (T4).
                options.Conventions.AddPageRoute("/Settings/Email", "/clients/{clientId:guid}/email");
            })
            .AddMvcOptions(options => options.Filters.Add<MembershipPageFilter>())
            .AddThemeRuntimeCompilation(services);
        services.AddRouting(options => options.LowercaseUrls = true);
        return services;
    }

    /// <summary>The Platform area exists only on the platform host: elsewhere it is a 404, before any sign-in check.</summary>
    public static WebApplication UsePlatformAreaGuard(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var inPlatformArea = string.Equals(context.GetRouteValue("area") as string, "Platform", StringComparison.OrdinalIgnoreCase);
            if (inPlatformArea && context.Tenancy()?.IsPlatform != true)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(Branding.FaviconEndpoint.Path, Branding.FaviconEndpoint.Render);
        app.MapBrandAssets();
        return app;
    }

    /// <summary>Branded error pages on tenant hosts for 403, 404 and 500; the exception handler hides stack traces.</summary>
    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Liveness answers without touching anything; readiness checks the database. Both on every host.</summary>
    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

public sealed class DatabaseHealthCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
