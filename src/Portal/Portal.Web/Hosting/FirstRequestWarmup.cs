using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// Wraps the web server so that, once the request pipeline is built and before the server listens,
/// a few real requests run through the whole pipeline in process: the platform's home and sign-in
/// pages, and a partner's and a client's in every theme. Compiling the theme views (<see cref="ThemeWarmup"/>) is not all a
/// first request pays: the tenant lookup's first queries, Identity and the antiforgery keys (data
/// protection reads its key ring), routing's endpoint tables, every middleware's first call and
/// the JIT of all of it. Paid here, it is not paid by the first person who opens a page.
/// </summary>
public sealed partial class FirstRequestWarmup(IServer inner, IServiceProvider services, ILogger<FirstRequestWarmup> logger) : IServer
{
    public IFeatureCollection Features => inner.Features;

    /// <summary>Puts the wrapper around the server registered so far (Kestrel); a test server is left as it is.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        if (registered?.ImplementationType is not { } type || type.Assembly != typeof(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions).Assembly) return;
        services.Remove(registered);
        services.Add(new ServiceDescriptor(type, type, registered.Lifetime));
        services.Add(new ServiceDescriptor(typeof(IServer), sp => new FirstRequestWarmup((IServer)sp.GetRequiredService(type), sp, sp.GetRequiredService<ILogger<FirstRequestWarmup>>()), registered.Lifetime));
    }

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        var watch = Stopwatch.StartNew();
        var answered = new List<string>();
        foreach (var (host, path, theme) in await PagesAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                answered.Add($"{host}{path} ({theme ?? "own theme"}) {await RequestAsync(application, host, path, theme)}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page would fail for a person too and is logged there; starting without this warm-up is still a working portal.
                LogFailed(logger, host + path, e.Message);
            }
        }

        LogWarmed(logger, string.Join(", ", answered), watch.ElapsedMilliseconds);
        await inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// The platform's home and sign-in pages, and those of the oldest active partner and client, in
    /// every theme: the view engine looks layouts up per theme, so each theme's first page pays its
    /// own lookups (none of an organization's pages on an empty database).
    /// </summary>
    private async Task<List<(string Host, string Path, string? Theme)>> PagesAsync(CancellationToken cancellationToken)
    {
        var platform = HostName.Normalize(services.GetRequiredService<IOptions<PortalOptions>>().Value.PlatformDomain);
        var pages = new List<(string, string, string?)> { (platform, "/", null), (platform, "/account/signin", null) };
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var hosts = new List<string>();
        foreach (var kind in new[] { OrganizationKind.Partner, OrganizationKind.Client })
        {
            var organization = await db.Organizations
                .Where(o => o.Status == OrganizationStatus.Active && o.Kind == kind)
                .OrderBy(o => o.CreatedAt)
                .Select(o => new { o.PrimaryHost, o.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            if (organization is not null) hosts.Add(organization.PrimaryHost ?? $"{organization.Slug}.{platform}");
        }

        var themes = services.GetRequiredService<ThemeCatalog>().List().Select(t => t.Name).ToList();
        foreach (var host in hosts)
        {
            foreach (var theme in themes)
            {
                pages.Add((host, "/", theme));
                pages.Add((host, "/account/signin", theme));
            }
        }

        return pages;
    }

    /// <summary>One GET through the application exactly as the server would hand it over; the answer is read and dropped.</summary>
    private static async Task<int> RequestAsync<TContext>(IHttpApplication<TContext> application, string host, string path, string? theme)
        where TContext : notnull
    {
        var request = new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            Path = path,
            Headers = new HeaderDictionary { ["Host"] = host, ["Accept"] = "text/html" },
        };
        var response = new HttpResponseFeature();
        await using var body = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature());
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature());
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "warm-up",
            LocalIpAddress = IPAddress.Loopback,
            RemoteIpAddress = IPAddress.Loopback,
        });

        // In a theme the organization may not use: the same per-request theme the theme picker's preview sets.
        if (theme is not null) features.Set(new ThemePreview(theme));

        var context = application.CreateContext(features);
        Exception? error = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            application.DisposeContext(context, error);
        }

        return response.StatusCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Pages} in process in {Milliseconds} ms before listening.")]
    private static partial void LogWarmed(ILogger logger, string pages, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up request to {Page} failed before listening: {Reason}")]
    private static partial void LogFailed(ILogger logger, string page, string reason);
}
