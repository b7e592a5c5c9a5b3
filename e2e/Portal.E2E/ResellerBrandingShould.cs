using System.Globalization;
using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>T4: the reseller, on its own host, changes a client's white-label settings; the client's host shows them.</summary>
public sealed class ResellerBrandingShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task ChangeAClientsBrandingFromTheResellersHost()
    {
        var northwind = await Context.NewPageAsync();
        await SignInAsync(northwind, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
        await northwind.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await Expect(northwind.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Clients");
        await Expect(northwind.Locator("tbody tr")).ToHaveCountAsync(2); // Contoso and Fabrikam; not Tailspin
        await ScreenshotAsync(northwind, "1-clients");

        await northwind.GetByRole(AriaRole.Link, new() { Name = "Branding of Fabrikam Fitness" }).ClickAsync();
        await Expect(northwind.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Branding of Fabrikam Fitness");
        Assert.Empty(await northwind.EvaluateAsync<string[]>(AccessibilityShould.UnlabelledFieldsScript));
        await northwind.GetByLabel("Product name").FillAsync("Fabrikam Gyms");
        await northwind.GetByLabel("Primary colour").FillAsync("#166534");
        await northwind.GetByLabel("Ledger").CheckAsync();
        await northwind.GetByLabel("Replace the logo").SetInputFilesAsync(new FilePayload
        {
            Name = "gyms.svg",
            MimeType = "image/svg+xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="8" fill="#166534"/><rect x="10" y="28" width="44" height="8" fill="#ffffff"/><rect x="8" y="18" width="8" height="28" fill="#ffffff"/><rect x="48" y="18" width="8" height="28" fill="#ffffff"/></svg>"""),
        });
        await northwind.GetByRole(AriaRole.Button, new() { Name = "Save Fabrikam Fitness's branding" }).ClickAsync();
        await Expect(northwind.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved.");
        await ScreenshotAsync(northwind, "2-fabrikam-branding-saved");

        var fabrikam = await Context.NewPageAsync();
        await fabrikam.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/account/signin"));
        await Expect(Brand(fabrikam)).ToHaveTextAsync("Fabrikam Gyms");
        await Expect(fabrikam.Locator("header.topbar")).ToHaveCSSAsync("background-color", Rgb("#166534"));
        await Expect(fabrikam.Locator("body")).ToHaveAttributeAsync("data-theme", "ledger");
        // The logo loads after the page does: wait for it rather than reading it at once.
        await fabrikam.WaitForFunctionAsync("() => { const img = document.querySelector('header .brand img'); return img !== null && img.complete && img.naturalWidth > 0; }");
        await ScreenshotAsync(fabrikam, "3-fabrikam-rebranded");
    }

    private static string Rgb(string hex) =>
        $"rgb({Channel(hex, 1)}, {Channel(hex, 3)}, {Channel(hex, 5)})";

    private static int Channel(string hex, int start) => int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
