using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>An organization with a verified custom domain is served on that domain only.</summary>
public sealed class CustomDomainsShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task RedirectTheSubdomainToThePrimaryHost()
    {
        var page = await Context.NewPageAsync();

        var response = await page.GotoAsync(Host.Url(DemoHosts.ContosoSubdomain, "/account/signin"));

        Assert.Equal(200, response!.Status);
        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Contoso, "/account/signin"));
        var redirect = await response.Request.RedirectedFrom!.ResponseAsync();
        Assert.Equal(Host.Url(DemoHosts.ContosoSubdomain, "/account/signin"), redirect!.Url);
        Assert.Equal(302, redirect.Status);
        await ExpectBrandAsync(page, "Contoso Dental");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in to Contoso Dental");
        await ScreenshotAsync(page, "1-contoso-primary-host");
    }
}
