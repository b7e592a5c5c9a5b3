namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// One portal host and one headless Chromium per test class. Each test opens its own browser
/// context (its own cookie jar) on the shared browser.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright cannot download its own browser build on this machine.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalFixture()
        : this(new PortalHost())
    {
    }

    /// <summary>A fixture on a host configured by its owner (the crawl's host lets requests choose their theme).</summary>
    protected PortalFixture(PortalHost host) => Host = host;

    public PortalHost Host { get; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Never a skip: a missing browser would otherwise turn the whole suite silently green.
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install Debian's package (apt-get install chromium); the end-to-end journeys need it.");
        }

        Host.Start();
        await WarmUpAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Every tenant is visited on its own domain; all of them are this machine.
            Args = ["--no-sandbox", "--host-resolver-rules=MAP *.test 127.0.0.1, MAP *.localhost 127.0.0.1"],
        });
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        // A loaded 2-core CI machine can be slow; a real failure still fails, just later.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>
    /// Themes are Razor compiled at run time on first use; one request per demo theme (default,
    /// ledger, bold) pays that before any journey's timeouts run.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, Host.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        }) { Timeout = TimeSpan.FromMinutes(3) };
        foreach (var host in new[] { DemoHosts.Tailspin, DemoHosts.Contoso, DemoHosts.Fabrikam })
        {
            using var response = await http.GetAsync(Host.Url(host, "/account/signin"));
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        Host.Errors.AssertNone();
    }
}
