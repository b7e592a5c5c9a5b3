using System.Text.RegularExpressions;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>The operator works on the platform's own host.</summary>
public sealed class PlatformAdminShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task SeeEveryDemoOrganization()
    {
        var page = await Context.NewPageAsync();

        await SignInAsync(page, DemoHosts.Platform, DemoData.PlatformAdminEmail);

        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Platform, "/platform/organizations"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Organizations");
        await Expect(Brand(page)).ToHaveTextAsync("Cloudbase");
        var rows = page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(DemoData.Organizations.Count);
        var names = await rows.Locator("td:first-child").AllInnerTextsAsync();
        Assert.Equal(DemoData.Organizations.Select(o => o.Name).Order(), names.Select(n => n.Trim()));
        await Expect(rows.Filter(new() { HasText = "Contoso Dental" })).ToContainTextAsync(DemoHosts.Contoso);
        await Expect(rows.Filter(new() { HasText = "Fabrikam Fitness" })).ToContainTextAsync(DemoHosts.Fabrikam);
        await ScreenshotAsync(page, "1-organizations");
    }

    [Fact]
    public async Task SeeTheBackgroundJobsAndRunOneNow()
    {
        var page = await Context.NewPageAsync();
        await SignInAsync(page, DemoHosts.Platform, DemoData.PlatformAdminEmail);

        await page.GotoAsync(Host.Url(DemoHosts.Platform, "/platform/jobs"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Background jobs");
        await Expect(page.Locator("[data-job='mail-outbox'] .runs")).ToHaveTextAsync(new Regex("^every \\d+ (ms|s)$"));
        // The dashboard repair only rewrites derived rows, so running it does not change what other journeys see.
        var rows = page.Locator("[data-job='resellers-client-rows']");
        await rows.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ran now");
        await Expect(page.Locator("[data-job='resellers-client-rows'] .last-run")).ToContainTextAsync("took");
        await ScreenshotAsync(page, "2-jobs");
    }
}
