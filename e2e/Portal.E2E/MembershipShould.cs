using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>A person reaches an organization's pages only through a membership in it: another organization's people cannot even sign in on its host.</summary>
public sealed class MembershipShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task RefuseToSignInAUserOfAnotherOrganization()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(Demo.OwnerOf("Tailspin Toys"));
        await page.GetByLabel("Password").FillAsync(Web.Demo.DemoData.Password);

        // The identity is global, but Fabrikam's host serves only Fabrikam's people (and its partner's staff):
        // the right password gets the same answer as a wrong one, and reveals nothing of Tailspin.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Expect(page.Locator("main")).ToContainTextAsync(Web.Pages.Account.SignInModel.FailedMessage);
        await ExpectBrandAsync(page, "Fabrikam Fitness");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Tailspin Toys");
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "1-fabrikam-refuses-tailspin-owner");

        // Not signed in: Fabrikam's pages still ask for a sign-in.
        await page.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/settings"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }
}
