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
}
