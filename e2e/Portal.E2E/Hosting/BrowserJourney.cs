using System.Globalization;
using PartnerPortal.Accounts;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// A test class whose tests are journeys in a fresh browser context on the class's portal.
/// Every test fails when the portal logged an error while (or before) it ran.
/// </summary>
public abstract class BrowserJourney(PortalFixture portal) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private IBrowserContext? _context;

    protected PortalHost Host => portal.Host;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser context has not opened.");

    public async Task InitializeAsync() => _context = await portal.NewContextAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
        portal.Host.Errors.AssertNone();
    }

    protected Task ScreenshotAsync(IPage page, string step) => Screenshots.SaveAsync(page, $"{GetType().Name}.{step}");

    /// <summary>Signs in through the form on that host and waits until the browser has left the sign-in page.</summary>
    protected async Task SignInAsync(IPage page, string host, string email, string password = DemoData.Password)
    {
        await page.GotoAsync(Host.Url(host, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal));
    }

    protected static ILocator Brand(IPage page) => page.Locator("header .brand");

    /// <summary>The header names the organization and is painted in its brand colour (the style block passed the CSP).</summary>
    protected static async Task ExpectBrandAsync(IPage page, string organization)
    {
        await Expect(Brand(page)).ToHaveTextAsync(organization);
        var hex = Demo.Organization(organization).Color ?? BrandColors.DefaultPrimary;
        var rgb = $"rgb({Channel(hex, 1)}, {Channel(hex, 3)}, {Channel(hex, 5)})";
        await Expect(page.Locator("header.topbar")).ToHaveCSSAsync("background-color", rgb);

        static int Channel(string hex, int start) => int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    protected static ILocator SignOutButton(IPage page) => page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    protected static ILocator SignInLink(IPage page) => page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });
}
