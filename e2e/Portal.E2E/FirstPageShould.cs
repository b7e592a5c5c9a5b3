using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 14, "fast first impressions": the real portal, started as a person starts it (its own
/// process, Development, a fresh SQLite file, the warm-up on), answers its very first requests in
/// under a second: an organization's home page and its sign-in page.
/// </summary>
public sealed class FirstPageShould
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AnswerTheFirstRequestsAfterStartInUnderASecond()
    {
        var data = Path.Combine(Path.GetTempPath(), $"portal-first-page-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = data,
            ["Portal:PublicScheme"] = "http",
            ["Mail:Smtp:Host"] = string.Empty,
            ["Themes:WarmUpAtStart"] = "true",
        };

        var started = Stopwatch.StartNew();
        var process = await PortalProcess.StartAsync(settings, "Development");
        try
        {
            var startup = started.Elapsed;
            var address = process.Address;
            using var http = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            });

            var home = await TimeAsync(http, $"http://{DemoHosts.Fabrikam}:{address.Port}/");
            var signIn = await TimeAsync(http, $"http://{DemoHosts.Fabrikam}:{address.Port}/account/signin");
            var otherSignIn = await TimeAsync(http, $"http://{DemoHosts.Contoso}:{address.Port}/account/signin");

            var report = string.Create(CultureInfo.InvariantCulture,
                $"start to listening {startup.TotalSeconds:0.00} s; first requests: home {home.Elapsed.TotalMilliseconds:0} ms ({home.Status}), sign-in {signIn.Elapsed.TotalMilliseconds:0} ms ({signIn.Status}), another organization's sign-in {otherSignIn.Elapsed.TotalMilliseconds:0} ms ({otherSignIn.Status})");
            Directory.CreateDirectory(Screenshots.OutputFolder);
            await File.WriteAllTextAsync(Path.Combine(Screenshots.OutputFolder, "first-page.txt"), report + Environment.NewLine);

            var log = process.Output;
            Assert.Contains("in process in", log, StringComparison.Ordinal); // the warm-up ran before listening
            Assert.True(home.Status is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect, report);
            Assert.Equal(HttpStatusCode.OK, signIn.Status);
            Assert.Equal(HttpStatusCode.OK, otherSignIn.Status);
            Assert.True(home.Elapsed < Limit && signIn.Elapsed < Limit && otherSignIn.Elapsed < Limit, report);
            Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        }
        finally
        {
            await process.DisposeAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open must not hide the test's own result; the OS temp cleaner takes it.
            }
        }
    }

    private static async Task<(TimeSpan Elapsed, HttpStatusCode Status)> TimeAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        return (clock.Elapsed, response.StatusCode);
    }
}
