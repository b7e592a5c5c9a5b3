using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E.Hosting;

/// <summary>The steps a journey takes to build a solution in the Solutions module's pages.</summary>
public static class SolutionBuilder
{
    /// <summary>Starts a solution in <paramref name="workspace"/> from the solutions list the page shows; returns the solution's address once its builder is open.</summary>
    public static async Task<string> CreateAsync(IPage page, string workspace, string name)
    {
        var start = page.Locator("details", new() { HasText = $"New solution in {workspace}" });
        await start.Locator("summary").ClickAsync();
        await start.Locator("form[action*=Create]").GetByLabel("Name").FillAsync(name);
        await start.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Builder", Level = 1 })).ToBeVisibleAsync();
        return page.Url[..page.Url.LastIndexOf("/builder", StringComparison.Ordinal)];
    }

    /// <summary>In the open builder, adds a field to the Items table every new solution starts with.</summary>
    public static async Task AddItemsFieldAsync(IPage page, string name, string type = "text")
    {
        await page.Locator("summary", new() { HasText = "Add a field to Items" }).ClickAsync();
        await page.Locator("#af-name-items").FillAsync(name);
        await page.Locator("#af-type-items").SelectOptionAsync(type);
        await page.Locator("form[action*=AddField]").GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(page.Locator("#t-items").Locator("..")).ToContainTextAsync(name);
    }
}
