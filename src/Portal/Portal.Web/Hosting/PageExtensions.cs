using PartnerPortal.Accounts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
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
                // Who may open the host's pages (the gate in PortalAccessMiddleware enforces it); broad first.
                // A new page of the host is its members' until it says otherwise.
                options.Conventions
                    .Allow("/", Audience.Members())
                    .Allow("/Account", Audience.Anyone)
                    .AllowPage("/Index", Audience.Anyone)
                    .AllowPage("/Error", Audience.Anyone)
                    .Allow("/Settings", Audience.Members(OrganizationRole.Admin))
                    .AllowPage("/Settings/Audit", Audience.Members(OrganizationRole.Owner))
                    .AllowPage("/Settings/UndeliveredMail", Audience.Members(OrganizationRole.Owner))
                    // The owners' own view of who is let in: never for a reseller logged in as the account (A5).
                    .AllowPage("/Settings/Access", Audience.Members(OrganizationRole.Owner).ExceptImpersonators())
                    .AllowArea("Platform", "/", Audience.PlatformAdmins);
                options.Conventions.AddPageRoute("/Error", "/error/{code:int}");
            })
            .AddMvcOptions(PlainWords.Apply)
            .AddThemeRuntimeCompilation(services);
        // After AddRazorPages (whose setup starts the convention list afresh): each module's pages
        // carry its switch, and the module says who may open them.
        services.AddOptions<RazorPagesOptions>().Configure<InstalledModules>((options, modules) =>
        {
            foreach (var module in modules.All)
            {
                options.Conventions.ModuleArea(module.Name);
                module.ConfigurePages(options.Conventions);
            }
        });
        // Last of all, once every convention has decided: the decisions become endpoint metadata.
        services.PostConfigure<RazorPagesOptions>(options => options.Conventions.Add(new StampAccessMetadata()));
        services.AddRouting(options => options.LowercaseUrls = true);
        return services;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(Branding.FaviconEndpoint.Path, Branding.FaviconEndpoint.Render).WithMetadata(Audience.Anyone);
        app.MapBrandAssets();
        app.MapFormTokens();
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
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(Audience.Anyone);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).WithMetadata(Audience.Anyone);
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
