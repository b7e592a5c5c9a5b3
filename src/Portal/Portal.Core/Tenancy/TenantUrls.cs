using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Tenancy;

/// <summary>
/// Builds absolute links to an organization from its stored primary host, never from the
/// request's Host header, so a forged Host cannot poison reset links or redirects.
/// </summary>
public sealed class TenantUrls(IOptions<PortalOptions> options, IServer server)
{
    private readonly PortalOptions _options = options.Value;
    private int? _port;

    public string For(TenantInfo tenant, string pathAndQuery) => Build(tenant.PrimaryHost, pathAndQuery);

    public string ForPlatform(string pathAndQuery) => Build(HostName.Normalize(_options.PlatformDomain), pathAndQuery);

    private string Build(string host, string pathAndQuery)
    {
        if (!pathAndQuery.StartsWith('/')) pathAndQuery = "/" + pathAndQuery;
        var port = PublicPort();
        var defaultPort = _options.PublicScheme == "https" ? 443 : 80;
        var authority = port is null || port == defaultPort ? host : $"{host}:{port}";
        return $"{_options.PublicScheme}://{authority}{pathAndQuery}";
    }

    private int? PublicPort()
    {
        if (_options.PublicPort is { } configured) return configured;
        // Unset on https: no port (production sits behind a TLS terminator on 443).
        if (_options.PublicScheme != "http") return null;
        // Unset on http: the port this server listens on (development: http://…:5000 links work).
        // Remembered only once bound: before the server listens, an address asked for with
        // port 0 still reads ":0", and caching it would give every later link port 0.
        if (_port is { } known) return known;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return null;
        var normalized = address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost");
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Port == 0) return null;
        return _port = uri.Port;
    }
}
