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

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        Mailbox.Dispose();
        Host.Errors.AssertNone();
    }
}
