using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PartnerPortal.E2E.Hosting;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 14, "fast first impressions": the real portal, started as a person starts it (its own
/// process, Development, a fresh SQLite file, the warm-up on), answers its very first requests in
/// under a second: an organization's home page and its sign-in page.
/// </summary>
public sealed partial class FirstPageShould
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AnswerTheFirstRequestsAfterStartInUnderASecond()
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "Portal", "Portal.Web");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "PartnerPortal.Web.dll");
        Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
        var data = Path.Combine(Path.GetTempPath(), $"portal-first-page-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Portal__DataDirectory"] = data;
        start.Environment["Portal__PublicScheme"] = "http";
        start.Environment["Mail__Smtp__Host"] = string.Empty;
        start.Environment["Themes__WarmUpAtStart"] = "true";

        var output = new List<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        void Read(string? line)
        {
            if (line is null) return;
            lock (output) output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
            var startup = started.Elapsed;
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

            string log;
            lock (output) log = string.Join(Environment.NewLine, output);
            Assert.Contains("in process in", log, StringComparison.Ordinal); // the warm-up ran before listening
            Assert.True(home.Status is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect, report);
            Assert.Equal(HttpStatusCode.OK, signIn.Status);
            Assert.Equal(HttpStatusCode.OK, otherSignIn.Status);
            Assert.True(home.Elapsed < Limit && signIn.Elapsed < Limit && otherSignIn.Elapsed < Limit, report);
            Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No PartnerPortal.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
