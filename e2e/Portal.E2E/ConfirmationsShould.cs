using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 14 in Chromium: a destructive action asks first in a dialog that says what will happen,
/// Cancel changes nothing, and after confirming the page says what was done; a deleted client comes
/// back from "Deleted clients".
/// </summary>
public sealed class ConfirmationsShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task AskBeforeDeletingAClientSayWhatHappenedAndRestoreIt()
    {
        var page = await Context.NewPageAsync();
        await SignInAsync(page, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
        await page.GotoAsync(Host.Url(DemoHosts.Northwind, "/clients"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage Fabrikam Fitness" }).ClickAsync();

        // Detach: the dialog names the consequence; Cancel leaves everything as it was.
        await page.GetByRole(AriaRole.Button, new() { Name = "Detach Fabrikam Fitness" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("billed directly by the platform");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await ScreenshotAsync(page, "1-detach-asks-first");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fabrikam Fitness");

        // Delete, confirmed twice (the typed name and the dialog): the list says what happened.
        await page.GetByLabel("Type the account's name (Fabrikam Fitness) to confirm").FillAsync("Fabrikam Fitness");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Fabrikam Fitness" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete Fabrikam Fitness" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/clients");
        await Expect(page.Locator(".notice")).ToContainTextAsync("Fabrikam Fitness was deleted");
        await Expect(page.Locator("#deleted-clients")).ToContainTextAsync("Fabrikam Fitness");
        await ScreenshotAsync(page, "2-deleted-with-restore");

        await page.Locator("#deleted-clients").GetByRole(AriaRole.Button, new() { Name = "Restore Fabrikam Fitness" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Restore Fabrikam Fitness" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Fabrikam Fitness was restored");
        await Expect(page.Locator("table.clients")).ToContainTextAsync("Fabrikam Fitness");
        await ScreenshotAsync(page, "3-restored");
    }
}
