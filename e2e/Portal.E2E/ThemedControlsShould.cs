using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 14: the confirmation dialog and the copy buttons for long values, on a phone, in each of
/// the three themes (the page is asked for in the theme, as the theme picker's preview does).
/// </summary>
public sealed class ThemedControlsShould(ThemedPortalFixture portal) : IClassFixture<ThemedPortalFixture>
{
    private const int Phone = 390;

    public static TheoryData<string> Themes => [.. SiteCrawl.Themes];

    [Theory]
    [MemberData(nameof(Themes))]
    public async Task ShowTheConfirmationDialogWithinAPhoneWithABackdropAndVisibleFocus(string theme)
    {
        var context = await portal.NewContextAsync();
        try
        {
            var page = await SignedInPageAsync(context, theme, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
            await page.GotoAsync(portal.Host.Url(DemoHosts.Northwind, "/settings/members"));
            Assert.Equal(theme, await page.Locator("body").GetAttributeAsync("data-theme"));

            await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {DemoData.ConsultantEmail}" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            var cancel = dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" });
            await Expect(cancel).ToBeFocusedAsync();
            await Screenshots.SaveAsync(page, $"{nameof(ThemedControlsShould)}.confirm-dialog-{theme}-{Phone}");

            var box = await dialog.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 8 && box.X + box.Width <= Phone - 8, $"The dialog spans {box.X}–{box.X + box.Width} px of {Phone}.");
            Assert.Equal(Phone, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
            // Nothing inside runs out of the dialog either (a button naming a long address wraps).
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.scrollWidth <= d.clientWidth && [...d.querySelectorAll('button')].every(b => b.scrollWidth <= b.clientWidth + 1)"), "The dialog's content is wider than the dialog.");
            // The theme's backdrop, not the browser's faint default (rgba(0, 0, 0, 0.1)).
            var backdrop = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('dialog[open]'), '::backdrop').backgroundColor");
            Assert.NotEqual("rgba(0, 0, 0, 0.1)", backdrop);
            // The focused button is outlined: at least 2 px, not "none".
            var outline = await cancel.EvaluateAsync<string>("b => { const s = getComputedStyle(b); return s.outlineStyle + ' ' + s.outlineWidth; }");
            Assert.DoesNotContain("none", outline, StringComparison.Ordinal);
            Assert.True(double.Parse(outline.Split(' ')[1].Replace("px", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2, outline);

            // Readable and operable: axe-core on the open dialog (contrast, names, target size).
            var axe = await page.RunAxe(new AxeRunContext { Include = [new AxeSelector("dialog[open]")] }, new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {string.Join(", ", v.Nodes.Select(n => n.Html))}"));

            await cancel.ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove {DemoData.ConsultantEmail}" })).ToBeVisibleAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public async Task CopyALongValueAndSayCopied(string theme)
    {
        var context = await portal.NewContextAsync();
        try
        {
            await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            var page = await SignedInPageAsync(context, theme, DemoHosts.Tailspin, Demo.OwnerOf("Tailspin Toys"));
            await page.GotoAsync(portal.Host.Url(DemoHosts.Tailspin, "/account/two-factor"));
            Assert.Equal(theme, await page.Locator("body").GetAttributeAsync("data-theme"));
            var key = (await page.Locator("#shared-key").TextContentAsync())!.Trim();

            var copy = page.Locator(".copy-button");
            await Expect(copy).ToHaveCountAsync(1);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy key", Exact = true })).ToBeVisibleAsync();
            await page.BringToFrontAsync();
            await copy.ClickAsync();

            await Expect(page.Locator(".copy-status")).ToHaveTextAsync("Copied key.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied key", Exact = true })).ToBeVisibleAsync();
            Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            Assert.Equal(Phone, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
            var box = await copy.BoundingBoxAsync();
            Assert.True(box is { Height: >= 24, Width: >= 24 } && box.X + box.Width <= Phone, $"The button is {box?.Width}×{box?.Height} px at {box?.X} px.");
            await Screenshots.SaveAsync(page, $"{nameof(ThemedControlsShould)}.copied-{theme}-{Phone}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A phone-sized page that asks for every page in <paramref name="theme"/>, signed in on <paramref name="host"/>.</summary>
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string theme, string host, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 844);
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [PortalHost.ThemeHeader] = theme });
        await page.GotoAsync(portal.Host.Url(host, "/account/signin"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal));
        return page;
    }
}
