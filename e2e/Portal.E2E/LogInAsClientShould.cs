using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>R5, A5: the reseller logs in as a client on the client's own domain, changes it, goes back; the client's owner reads the history.</summary>
public sealed class LogInAsClientShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task LogInAsAClientChangeItsColourGoBackAndShowItInTheOwnersAccessHistory()
    {
        var reseller = await Context.NewPageAsync();
        await SignInAsync(reseller, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
        await reseller.GotoAsync(Host.Url(DemoHosts.Northwind, "/clients"));
        await reseller.GetByRole(AriaRole.Button, new() { Name = "Log in as Contoso Dental" }).ClickAsync();

        // The client's own domain, with the banner in the top right.
        await reseller.WaitForURLAsync(url => new Uri(url).Host == DemoHosts.Contoso);
        var banner = reseller.Locator("aside.impersonation-banner");
        await Expect(banner).ToContainTextAsync("Logged in as reseller Northwind Partners");
        await Expect(banner).ToContainTextAsync("min left");
        await ExpectBrandAsync(reseller, "Contoso Dental");
        await ScreenshotAsync(reseller, "1-logged-in-as-contoso");

        await reseller.GotoAsync(Host.Url(DemoHosts.Contoso, "/settings/branding"));
        await reseller.GetByLabel("Primary colour").FillAsync("#7C2D12");
        await reseller.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Expect(reseller.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved.");
        await Expect(reseller.Locator("header.topbar")).ToHaveCSSAsync("background-color", "rgb(124, 45, 18)");
        await Expect(banner).ToBeVisibleAsync();
        await ScreenshotAsync(reseller, "2-colour-changed-while-impersonating");

        await banner.GetByRole(AriaRole.Button, new() { Name = "Back to dashboard" }).ClickAsync();
        await reseller.WaitForURLAsync(url => new Uri(url).Host == DemoHosts.Northwind);
        await Expect(reseller.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Clients");
        await Expect(SignOutButton(reseller)).ToBeVisibleAsync(); // the reseller's own session is still open
        await ScreenshotAsync(reseller, "3-back-on-the-dashboard");

        // The client's owner, in a browser of their own, on their own domain.
        var ownerContext = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        ownerContext.SetDefaultTimeout(60_000);
        var owner = await ownerContext.NewPageAsync();
        await SignInAsync(owner, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        await owner.GotoAsync(Host.Url(DemoHosts.Contoso, "/settings"));
        await owner.GetByRole(AriaRole.Link, new() { Name = "Who can see my data" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Who can see my data");
        var history = owner.Locator("table.impersonations tbody tr").First;
        await Expect(history).ToContainTextAsync(Demo.OwnerOf("Northwind Partners"));
        await Expect(history).ToContainTextAsync("back to dashboard");
        await Expect(owner.Locator("aside.impersonation-banner")).ToHaveCountAsync(0);
        Assert.Empty(await owner.EvaluateAsync<string[]>(AccessibilityShould.UnlabelledFieldsScript));
        await ScreenshotAsync(owner, "4-owner-access-history");
        await ownerContext.CloseAsync();
    }
}
