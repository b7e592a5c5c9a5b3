using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>Sessions are per host: one browser signed in on two client hosts holds two separate sessions.</summary>
public sealed class SessionsShould(PortalFixture portal) : BrowserJourney(portal)
{
    private const string SessionCookie = ".portal.session";

    [Fact]
    public async Task StayApartOnTwoClientHostsInOneBrowser()
    {
        var contoso = await Context.NewPageAsync();
        await SignInAsync(contoso, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        var fabrikam = await Context.NewPageAsync();
        await SignInAsync(fabrikam, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));

        // Back on the first host after signing in on the second: still its own brand, still signed in.
        await contoso.ReloadAsync();
        await ExpectSignedInAsync(contoso, "Contoso Dental");
        await ScreenshotAsync(contoso, "1-contoso-signed-in");
        await ExpectSignedInAsync(fabrikam, "Fabrikam Fitness");
        await ScreenshotAsync(fabrikam, "2-fabrikam-signed-in");

        // A third host in the same browser knows nobody.
        var tailspin = await Context.NewPageAsync();
        await tailspin.GotoAsync(Host.Url(DemoHosts.Tailspin, "/dashboard"));
        await Expect(tailspin).ToHaveURLAsync(Host.Url(DemoHosts.Tailspin, "/account/signin?ReturnUrl=%2Fdashboard"));
        await ExpectBrandAsync(tailspin, "Tailspin Toys");
        await Expect(SignInLink(tailspin)).ToBeVisibleAsync();
        await Expect(SignOutButton(tailspin)).ToHaveCountAsync(0);
        await ScreenshotAsync(tailspin, "3-tailspin-signed-out");

        // Signing out on Contoso ends Contoso's session only.
        await SignOutButton(contoso).ClickAsync();
        await Expect(contoso).ToHaveURLAsync(Host.Url(DemoHosts.Contoso, "/"));
        await Expect(SignInLink(contoso)).ToBeVisibleAsync();
        await contoso.GotoAsync(Host.Url(DemoHosts.Contoso, "/settings"));
        await Expect(contoso).ToHaveURLAsync(Host.Url(DemoHosts.Contoso, "/account/signin?ReturnUrl=%2Fsettings"));
        await ScreenshotAsync(contoso, "4-contoso-signed-out");

        var settings = await fabrikam.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/settings"));
        Assert.Equal(200, settings!.Status);
        await Expect(fabrikam).ToHaveURLAsync(Host.Url(DemoHosts.Fabrikam, "/settings"));
        await Expect(fabrikam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Settings");
        await ExpectSignedInAsync(fabrikam, "Fabrikam Fitness");
        await ScreenshotAsync(fabrikam, "5-fabrikam-still-signed-in");
    }

    [Fact]
    public async Task UseHostOnlyCookies()
    {
        var page = await Context.NewPageAsync();
        await SignInAsync(page, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        await SignInAsync(page, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));

        var sessions = (await Context.CookiesAsync()).Where(c => c.Name == SessionCookie).ToList();

        Assert.Equal([DemoHosts.Contoso, DemoHosts.Fabrikam], sessions.Select(c => c.Domain).Order());
        Assert.All(sessions, cookie =>
        {
            Assert.False(cookie.Domain.StartsWith('.'), $"{cookie.Domain}: a leading dot would share the session with every subdomain.");
            Assert.True(cookie.HttpOnly, $"{cookie.Domain}: the session cookie must be HttpOnly.");
            Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        });
        // Neither host's session cookie is sent to the platform or another tenant.
        Assert.Empty(await Context.CookiesAsync([Host.Url(DemoHosts.Platform), Host.Url(DemoHosts.Tailspin), Host.Url(DemoHosts.Northwind)]));
    }

    private static async Task ExpectSignedInAsync(IPage page, string organization)
    {
        await ExpectBrandAsync(page, organization);
        await Expect(SignOutButton(page)).ToBeVisibleAsync();
        await Expect(SignInLink(page)).ToHaveCountAsync(0);
    }
}
