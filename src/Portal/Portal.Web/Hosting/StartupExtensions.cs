using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.Web.Hosting;

public static class StartupExtensions
{
    /// <summary>JSON console logs in Production (A4); the readable console elsewhere.</summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (builder.Environment.IsProduction())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        return builder;
    }

    /// <summary>Migrates the database; in Development an empty database gets the demo data.</summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await DatabaseUpgrade.MigrateAsync(db, app.Services.GetRequiredService<TimeProvider>(), app.Logger);
        if (db.Database.IsSqlite())
        {
            // WAL: readers never wait for the one writer. The setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        if (app.Environment.IsDevelopment() && !await db.Organizations.AnyAsync())
        {
            await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();
        }
    }

    /// <summary>Tells a person what to open and how to sign in, once the server listens.</summary>
    public static void PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
            var urls = app.Services.GetRequiredService<TenantUrls>();
            var lines = new List<string> { string.Empty, $"  {portal.PlatformName} partner portal is running.", $"  Platform:  {urls.ForPlatform("/")}" };
            if (app.Environment.IsDevelopment())
            {
                lines.AddRange(DemoData.Banner(urls, portal));
            }

            Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        });
    }
}
