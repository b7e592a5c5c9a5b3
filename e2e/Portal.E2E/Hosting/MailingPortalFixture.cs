namespace PartnerPortal.E2E.Hosting;

/// <summary>Like <see cref="PortalFixture"/>, but the portal sends its mail to a real SMTP server the journey reads.</summary>
public sealed class MailingPortalFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public MailingPortalFixture()
    {
        Mailbox = new Mailbox();
        Host = new PortalHost { SmtpPort = Mailbox.Port };
    }

    public Mailbox Mailbox { get; }

    public PortalHost Host { get; }

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PortalFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--host-resolver-rules=MAP *.test 127.0.0.1, MAP *.localhost 127.0.0.1"],
        });
    }

    /// <summary>A fresh browser (own cookies) with the journeys' viewport, downloads and patience for the first theme compile.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, AcceptDownloads = true });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>Signs in through the form on that host and waits until the browser has left the sign-in page.</summary>
    public async Task SignInAsync(IPage page, string host, string email)
    {
        await page.GotoAsync(Host.Url(host, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PartnerPortal.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        Mailbox.Dispose();
        Host.Errors.AssertNone();
    }
}
