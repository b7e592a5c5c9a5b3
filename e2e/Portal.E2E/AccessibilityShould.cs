using PartnerPortal.E2E.Hosting;
using PartnerPortal.Web.Pages.Account;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>Pages work with a keyboard and a screen reader: landmarks, one heading, labels, focus.</summary>
public sealed class AccessibilityShould(PortalFixture portal) : BrowserJourney(portal)
{
    /// <summary>Visible form fields that no label names, described for the failure message.</summary>
    internal const string UnlabelledFieldsScript = """
        () => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
            .filter(el => {
                const byFor = el.id && [...document.querySelectorAll('label[for]')].some(l => l.htmlFor === el.id && l.textContent.trim());
                const byWrap = el.closest('label')?.textContent.trim();
                const byAria = el.getAttribute('aria-label')?.trim();
                const byRef = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
                    .some(id => document.getElementById(id)?.textContent.trim());
                return !(byFor || byWrap || byAria || byRef);
            })
            .map(el => el.outerHTML)
        """;

    [Theory]
    [InlineData("/account/signin", false, "sign-in")]
    [InlineData("/settings", true, "settings")]
    public async Task GiveAClientPageOneMainOneHeadingLabelledFieldsAndASkipLink(string path, bool signedIn, string name)
    {
        var page = await Context.NewPageAsync();
        if (signedIn) await SignInAsync(page, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));

        var response = await page.GotoAsync(Host.Url(DemoHosts.Contoso, path));

        Assert.Equal(200, response!.Status);
        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Contoso, path));
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.Locator("main")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.NotEqual(0, await page.Locator("main input:visible").CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(UnlabelledFieldsScript));

        // The first Tab lands on the skip link; following it puts focus in the main content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"{name}-skip-link-focused");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ShowAWrongPasswordOnTheSamePageWithTheEmailKept()
    {
        var email = Demo.OwnerOf("Contoso Dental");
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Host.Url(DemoHosts.Contoso, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not-the-password");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        await Expect(page).ToHaveURLAsync(Host.Url(DemoHosts.Contoso, "/account/signin"));
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToHaveTextAsync(SignInModel.FailedMessage);
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync(email);
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(string.Empty);
        await Expect(SignOutButton(page)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "wrong-password");
    }
}
