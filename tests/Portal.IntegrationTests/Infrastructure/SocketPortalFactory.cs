using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal on a real loopback Kestrel port: what only a real server does (body size limits,
/// the peer's address that forwarded headers replace) is tested on it. Every host name reaches the
/// port, as DNS would in production.
/// </summary>
public class SocketPortalFactory : PortalFactory
{
    public SocketPortalFactory(IDictionary<string, string?> settings) : base(settings)
    {
        UseKestrel(0);
        StartServer();
    }

    public int Port => new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    protected override HttpMessageHandler CreateTransport() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
