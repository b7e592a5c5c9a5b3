using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>A signed-in user reaches an organization's pages only through a membership in it.</summary>
public sealed class MembershipShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task ShowNoAccessToAUserOfAnotherOrganization()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(Demo.OwnerOf("Tailspin Toys"));
        await page.GetByLabel("Password").FillAsync(Web.Demo.DemoData.Password);

        // Signing in works (the identity is global); the organization's pages do not.
        var dashboard = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == "/dashboard");

        Assert.Equal(403, dashboard.Status);
        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Fabrikam, "/dashboard"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No access");
        await Expect(page.Locator("main")).ToContainTextAsync(Demo.OwnerOf("Tailspin Toys"));
        await Expect(page.Locator("main")).ToContainTextAsync("no access to Fabrikam Fitness");
        await ExpectBrandAsync(page, "Fabrikam Fitness");
        // Nothing of Tailspin's shows on Fabrikam's host, and no organization navigation is offered.
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Tailspin Toys");
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "1-fabrikam-no-access");

        var again = await page.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/settings"));
        Assert.Equal(403, again!.Status);

        // The page offers the way out: signing out to try another account.
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Fabrikam, "/"));
        await Expect(SignInLink(page)).ToBeVisibleAsync();
    }
}
