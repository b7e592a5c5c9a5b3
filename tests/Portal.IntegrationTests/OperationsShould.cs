using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests;

/// <summary>A3, A4: health, security headers, error pages, hostile hosts on a real Kestrel socket.</summary>
public sealed class OperationsShould(OperationsShould.KestrelFactory factory) : PortalTest<OperationsShould.KestrelFactory>(factory)
{
    /// <summary>The portal on a real loopback port, with one endpoint that fails on purpose.</summary>
    public sealed class KestrelFactory : PortalFactory
    {
        public KestrelFactory()
        {
            UseKestrel(0);
            StartServer();
        }

        /// <summary>Every host name reaches this server's loopback port, as DNS would in production.</summary>
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

        public int Port => new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Mail to one address fails, so a real page fails in the middle of a request.
            builder.ConfigureTestServices(services => services.AddScoped<IMailer>(sp => new FailingMailer(ActivatorUtilities.CreateInstance<Mailer>(sp))));
        }
    }

    public sealed class FailingMailer(IMailer inner) : IMailer
    {
        public const string Address = "explode@people.test";

        public OutboxMessage Queue(string template, IReadOnlyDictionary<string, string?> model, MailRecipient to, TenantInfo? organization = null) =>
            to.Address == Address ? throw new InvalidOperationException("Failing on purpose for the test.") : inner.Queue(template, model, to, organization);
    }

    [Theory]
    [InlineData("portal.test")] // the platform host
    [InlineData("unknown.portal.test")] // no such organization
    [InlineData("127.0.0.1")] // an IP literal, as a load balancer's probe sends
    public async Task AnswerHealthProbesOnEveryHost(string host)
    {
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var (status, _, body) = await RawGetAsync(host, path);
            Assert.Equal(200, status);
            Assert.Equal("Healthy", body);
        }
    }

    [Fact]
    public async Task SendSecurityHeadersOnPages()
    {
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.GetAsync("/account/signin");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("0", response.Headers.GetValues("X-XSS-Protection").Single());
        Assert.False(response.Headers.Contains("Server"));

        // The style block's nonce is the one the policy allows.
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<style nonce=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(nonce)}\">", html);
    }

    [Fact]
    public async Task ShowABrandedNotFoundPageOnATenantHost()
    {
        var org = await World.CreateOrganizationAsync("Lost & Found Co");
        using var client = Factory.ClientFor(org.Host);
        var (response, page) = await client.GetPageAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Lost & Found Co", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task ShowABrandedErrorPageWithoutAStackTrace()
    {
        var org = await World.CreateOrganizationAsync("Broken Co");
        await World.AddMemberAsync(org, await World.CreateUserAsync(FailingMailer.Address), PartnerPortal.Accounts.OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        var response = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = FailingMailer.Address });
        var page = await PortalClient.ParseAsync(response);
        ExpectLoggedErrors(); // the failure is logged, as it should be
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Broken Co", page.QuerySelector("header .brand")!.TextContent.Trim());
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("Failing on purpose", html);
    }

    [Theory]
    [InlineData("acme.portal.test\rX-Injected: yes")] // a bare CR inside the value
    [InlineData("acme.portal.test\r\n X-Folded: yes")] // an obsolete folded line
    [InlineData("127.0.0.1")] // an IP literal
    [InlineData("[::1]")] // an IPv6 literal
    public async Task RejectHostileHostHeadersOnTheSocket(string host)
    {
        var (status, headers, body) = await RawGetAsync(host, "/");
        Assert.Equal(400, status);
        Assert.DoesNotContain("X-Injected", headers);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task RejectAVeryLongHostOnTheSocket()
    {
        var (status, _, body) = await RawGetAsync(new string('a', 4000) + ".portal.test", "/");
        Assert.True(status is 400 or 431, $"status {status}");
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task AnswerAnUnknownHostOnTheSocketWithAPlain404()
    {
        await World.CreateOrganizationAsync("Secret Name Ltd");
        var (status, _, body) = await RawGetAsync("who-is-this.portal.test", "/");
        Assert.Equal(404, status);
        Assert.Equal("Not found.", body);
    }

    private async Task<(int Status, string Headers, string Body)> RawGetAsync(string host, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Factory.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? response : response[..split];
        var body = split < 0 ? string.Empty : response[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
        var status = int.Parse(head.Split(' ')[1]);
        return (status, head, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var index = 0;
        while (index < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", index, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(body[index..lineEnd].Trim(), 16);
            if (size == 0) break;
            result.Append(body, lineEnd + 2, size);
            index = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}
