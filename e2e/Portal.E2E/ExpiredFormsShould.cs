using System.Diagnostics;
using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 14, "Nothing is lost that the browser still holds", in Chromium: a form whose token is
/// gone is refused with the branded "This form has expired" page; its "Back to the form" returns to
/// the form with what was typed still in it, the form picks up a fresh token, and sending it again works.
/// </summary>
public sealed class ExpiredFormsShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task KeepWhatWasTypedAndWorkOnTheSecondTry()
    {
        var watch = Stopwatch.StartNew();
        var page = await Context.NewPageAsync();
        await SignInAsync(page, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
        await page.GotoAsync(Host.Url(DemoHosts.Northwind, "/settings/workspaces"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Night shift");

        // What a long pause or a sign-in in another tab does: the form's cookie token is gone.
        await Context.ClearCookiesAsync(new() { Name = ".portal.antiforgery" });
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create the workspace" }).ClickAsync(),
            response => response.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This form has expired");
        await Expect(page.Locator("main")).ToContainTextAsync("Nothing was changed");
        await ScreenshotAsync(page, "1-form-expired");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the form" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/settings/workspaces");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Night shift");
        await Expect(page.Locator("html[data-form-token=fresh]")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "2-back-with-entries");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create the workspace" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Night shift");
        await Expect(page.Locator("tr[data-workspace='Night shift']")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "3-sent-on-the-second-try");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The journey took {watch.Elapsed.TotalSeconds:0.0} s.");
    }
}
