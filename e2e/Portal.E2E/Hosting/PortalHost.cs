using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// The real portal on a real Kestrel port (so a browser can reach every tenant host), in
/// Development so the demo data is seeded, with a fresh data folder of its own.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    public PortalHost()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public ErrorLog Errors { get; } = new();

    public int Port { get; private set; }

    /// <summary>
    /// The request header by which the page crawl asks for a page in a given theme. It sets the same
    /// per-request preview the theme picker uses, so the page renders with that theme's layouts and
    /// stylesheet, exactly as for an organization that chose it. Only a host with
    /// <see cref="ThemeFromHeader"/> honours it.
    /// </summary>
    public const string ThemeHeader = "X-Crawl-Theme";

    /// <summary>Whether requests may choose their theme with <see cref="ThemeHeader"/> (the crawl's host only).</summary>
    public bool ThemeFromHeader { get; init; }

    /// <summary>A real SMTP server's port on loopback; without one, mail becomes .eml files in the data folder.</summary>
    public int? SmtpPort { get; init; }

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address after starting.");
        Port = new Uri(address).Port;

        // Proves the data folder setting reached the host: otherwise the journeys would share (and seed) the developer's database.
        if (!File.Exists(Path.Combine(DataDirectory, "portal.db")))
        {
            throw new InvalidOperationException($"The portal did not create its database in {DataDirectory}.");
        }
    }

    /// <summary>An address on one of the portal's hosts, on the port this host listens on.</summary>
    public string Url(string host, string pathAndQuery = "/") => $"http://{host}:{Port}{pathAndQuery}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Host settings reach Program.cs before it reads configuration, unlike late app-configuration sources.
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:PublicScheme", "http");
        builder.UseSetting("Mail:Smtp:Host", SmtpPort is null ? string.Empty : "127.0.0.1");
        if (SmtpPort is { } smtp)
        {
            builder.UseSetting("Mail:Smtp:Port", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "None");
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        if (ThemeFromHeader) builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ThemeFromHeaderFilter>());
    }

    /// <summary>First in the pipeline, so every later step (tenant, layout lookup, favicon) sees the chosen theme.</summary>
    private sealed class ThemeFromHeaderFilter(PartnerPortal.Theming.ThemeCatalog themes) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextStep) =>
            {
                // Public pages may be cached by the browser: the same address in another theme is another answer.
                context.Response.OnStarting(() =>
                {
                    Microsoft.AspNetCore.Http.HeaderDictionaryExtensions.Append(context.Response.Headers, "Vary", ThemeHeader);
                    return Task.CompletedTask;
                });
                var theme = context.Request.Headers[ThemeHeader].ToString();
                if (theme.Length > 0)
                {
                    if (!themes.Exists(theme)) throw new InvalidOperationException($"The crawl asked for a theme that does not exist: {theme}.");
                    PartnerPortal.Web.Hosting.ThemeExtensions.PreviewTheme(context, theme);
                }

                await nextStep(context);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not hide the journey's own result; the OS temp cleaner takes it.
        }
    }
}
