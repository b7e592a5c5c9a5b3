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

    /// <summary>
    /// In Development the console prints "Now listening on: http://localhost:5000", and a person opens
    /// it; that bare address belongs to no organization, so it is sent to the platform host rather
    /// than answered with "Not found.". Health probes keep answering on any host.
    /// </summary>
    public static IApplicationBuilder UseDevelopmentLocalhostRedirect(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        var urls = app.Services.GetRequiredService<TenantUrls>();
        var platform = HostName.Normalize(app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PlatformDomain);
        return app.Use((context, next) =>
        {
            var host = context.Request.Host.Host.Trim('[', ']').ToLowerInvariant();
            var loopback = host is "localhost" or "127.0.0.1" or "::1";
            if (!loopback || host == platform || context.Request.Path.StartsWithSegments("/health") || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
                return next(context);
            context.Response.Redirect(urls.ForPlatform(context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        });
    }

    /// <summary>Tells a person what to open and how to sign in, once the server listens.</summary>
    public static void PrintStartupBanner(this WebApplication app)
    {
        // The demo logins are printed only when they work as printed. Checking the passwords is CPU
        // work, so it starts now, beside the warm-up before listening (issue 14: the first request
        // must not share the machine with it), and the banner waits for it once the server listens.
        var drift = app.Environment.IsDevelopment() ? Task.Run(() => DemoDriftAsync(app)) : Task.FromResult<List<string>?>(null);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
            var urls = app.Services.GetRequiredService<TenantUrls>();
            var lines = new List<string> { string.Empty, $"  {portal.PlatformName} partner portal is running.", $"  Platform:  {urls.ForPlatform("/")}" };
            if (!app.Environment.IsDevelopment())
            {
                Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
                return;
            }

            _ = drift.ContinueWith(done =>
            {
                if (done.Result is not { } changes) return; // stopped before the check finished: nothing to print
                if (changes.Count == 0) lines.AddRange(DemoData.Banner(urls, portal));
                else lines.Add($"  The demo data was changed ({string.Join("; ", changes.Take(3))}{(changes.Count > 3 ? "; …" : "")}), so its logins are not listed. Delete the data folder to start again from the demo.");
                Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
            }, TaskScheduler.Default);
        });
    }

    private static async Task<List<string>?> DemoDriftAsync(WebApplication app)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await DemoData.DriftAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(),
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PartnerPortal.Accounts.PortalUser>>(), app.Lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }
}
