using System.Text.RegularExpressions;
using MimeKit;
using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// T3–T7 in a real browser: Northwind's two clients side by side, each in its own name, colours,
/// logo, favicon and theme, and each one's password-reset e-mail in the same branding.
/// </summary>
public sealed partial class WhiteLabelShould(PortalFixture portal) : BrowserJourney(portal)
{
    [Fact]
    public async Task ShowTwoClientsOfOneResellerEachInItsOwnBrand()
    {
        var contoso = await Context.NewPageAsync();
        var fabrikam = await Context.NewPageAsync();
        await SignInAsync(contoso, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        await SignInAsync(fabrikam, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));
        await contoso.GotoAsync(Host.Url(DemoHosts.Contoso, "/settings/branding"));
        await fabrikam.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/settings/branding"));

        // Names and colours (the header is painted in each one's primary colour).
        await ExpectBrandAsync(contoso, "Contoso Dental");
        await ExpectBrandAsync(fabrikam, "Fabrikam Fitness");
        await Expect(contoso).ToHaveTitleAsync("Branding · Contoso Dental");
        await Expect(fabrikam).ToHaveTitleAsync("Branding · Fabrikam Fitness");

        // Themes: Contoso chose Ledger (serif, sidebar); Fabrikam has none and gets Northwind's default for clients, Bold (dark).
        await Expect(contoso.Locator("body")).ToHaveAttributeAsync("data-theme", "ledger");
        await Expect(fabrikam.Locator("body")).ToHaveAttributeAsync("data-theme", "bold");
        await Expect(contoso.Locator("body")).ToHaveCSSAsync("font-family", new Regex("Georgia"));
        await Expect(fabrikam.Locator("body")).ToHaveCSSAsync("font-family", new Regex("Helvetica Neue"));
        await Expect(fabrikam.Locator("html")).ToHaveCSSAsync("background-color", "rgb(9, 9, 11)");
        await Expect(contoso.Locator("html")).ToHaveCSSAsync("background-color", "rgb(244, 239, 228)");
        var contosoHeader = await contoso.Locator("header.topbar").BoundingBoxAsync();
        var fabrikamHeader = await fabrikam.Locator("header.topbar").BoundingBoxAsync();
        Assert.True(contosoHeader!.Height > contosoHeader.Width, "Ledger's header is a sidebar");
        Assert.True(fabrikamHeader!.Width > fabrikamHeader.Height, "Bold's header is a band across the top");

        // Logos: each loads, from its own host, and they differ.
        var contosoLogo = await LogoAsync(contoso);
        var fabrikamLogo = await LogoAsync(fabrikam);
        Assert.StartsWith(Host.Url(DemoHosts.Contoso, "/branding/logo?v="), contosoLogo.Url);
        Assert.StartsWith(Host.Url(DemoHosts.Fabrikam, "/branding/logo?v="), fabrikamLogo.Url);
        Assert.NotEqual(contosoLogo.Body, fabrikamLogo.Body);

        // Favicons: rendered per organization from its theme, with its initials and colour.
        var contosoIcon = await FaviconAsync(contoso);
        var fabrikamIcon = await FaviconAsync(fabrikam);
        Assert.Contains(">CD</text>", contosoIcon);
        Assert.Contains("#0E7C86", contosoIcon, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">FF</text>", fabrikamIcon);
        Assert.Contains("#C2410C", fabrikamIcon, StringComparison.OrdinalIgnoreCase);

        // Both are Northwind's clients: nothing names the platform, and their partner manages the branding.
        foreach (var page in new[] { contoso, fabrikam })
        {
            await Expect(page.Locator("body")).Not.ToContainTextAsync("Cloudbase");
            await Expect(page.Locator("main")).ToContainTextAsync("Your partner Northwind Partners manages the branding");
            await Expect(page.Locator("main input[type=file]")).ToHaveCountAsync(0);
        }

        await ScreenshotAsync(contoso, "1-contoso-ledger");
        await ScreenshotAsync(fabrikam, "2-fabrikam-bold");
        await SideBySideAsync("3-side-by-side", contoso, fabrikam);
    }

    [Fact]
    public async Task SendEachClientsPasswordResetInItsOwnBranding()
    {
        var page = await Context.NewPageAsync();
        var contoso = await RequestResetAsync(page, DemoHosts.Contoso, "Contoso Dental");
        var fabrikam = await RequestResetAsync(page, DemoHosts.Fabrikam, "Fabrikam Fitness");

        Assert.Equal("Reset your Contoso Dental password", contoso.Subject);
        Assert.Equal("Contoso Dental", contoso.From.Mailboxes.Single().Name);
        Assert.Contains($"src=\"{Host.Url(DemoHosts.Contoso, "/branding/logo?v=")}", contoso.HtmlBody);
        Assert.Contains("background:#0E7C86", contoso.HtmlBody);
        Assert.Contains(Host.Url(DemoHosts.Contoso, "/account/reset-password"), contoso.TextBody);

        Assert.Equal("Reset your Fabrikam Fitness password", fabrikam.Subject);
        Assert.Equal("Fabrikam Fitness", fabrikam.From.Mailboxes.Single().Name);
        Assert.Contains($"src=\"{Host.Url(DemoHosts.Fabrikam, "/branding/logo?v=")}", fabrikam.HtmlBody);
        Assert.Contains("data-theme=\"bold\"", fabrikam.HtmlBody); // the theme's own e-mail layout
        Assert.Contains("background:#C2410C", fabrikam.HtmlBody);
        Assert.Contains("hello@northwind.test", fabrikam.HtmlBody); // no support contact of its own: its reseller's
        Assert.Contains("+1 555 0100", fabrikam.TextBody);

        foreach (var message in new[] { contoso, fabrikam })
        {
            Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody + message.Subject + message.From + message.ReplyTo);
        }

        // How a person sees them: the HTML parts, logos loaded from each organization's host.
        var contosoMail = await Context.NewPageAsync();
        await contosoMail.SetContentAsync(contoso.HtmlBody!, new() { WaitUntil = WaitUntilState.NetworkIdle });
        var fabrikamMail = await Context.NewPageAsync();
        await fabrikamMail.SetContentAsync(fabrikam.HtmlBody!, new() { WaitUntil = WaitUntilState.NetworkIdle });
        foreach (var mail in new[] { contosoMail, fabrikamMail })
        {
            Assert.True(await mail.Locator("img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The logo in the e-mail did not load.");
        }

        await ScreenshotAsync(contosoMail, "4-contoso-reset-email");
        await ScreenshotAsync(fabrikamMail, "5-fabrikam-reset-email");
        await SideBySideAsync("6-reset-emails-side-by-side", contosoMail, fabrikamMail);
    }

    [Fact]
    public async Task NeverRunAScriptFromAnUploadedSvgLogo()
    {
        var dialogs = new List<string>();
        var page = await Context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await SignInAsync(page, DemoHosts.Tailspin, Demo.OwnerOf("Tailspin Toys"));
        await page.GotoAsync(Host.Url(DemoHosts.Tailspin, "/settings/branding"));
        Assert.Empty(await page.EvaluateAsync<string[]>(AccessibilityShould.UnlabelledFieldsScript));
        await page.GetByLabel("Logo", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "logo.png", // the name lies; the content decides
            MimeType = "image/png",
            Buffer = System.Text.Encoding.UTF8.GetBytes(
                """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert('onload')"><script>alert('script');document.title='pwned'</script><rect width="10" height="10" fill="#DB2777" onmouseover="alert('hover')"/></svg>"""),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved.");

        var logo = page.Locator("header .brand img");
        await Expect(logo).ToBeVisibleAsync();
        await logo.HoverAsync();
        await ScreenshotAsync(page, "7-hostile-svg-as-logo");
        var src = await logo.GetAttributeAsync("src");

        // Opened directly, as a document: the CSP (default-src 'none'; sandbox) keeps its script from running.
        var response = await page.GotoAsync(Host.Url(DemoHosts.Tailspin, src!));
        Assert.Equal("image/svg+xml", (await response!.HeaderValueAsync("content-type"))?.Split(';')[0]);
        Assert.StartsWith("default-src 'none'", await response.HeaderValueAsync("content-security-policy"));
        await page.Locator("rect").HoverAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(dialogs);
        Assert.NotEqual("pwned", await page.TitleAsync());
    }

    private static async Task<(string Url, string Body)> LogoAsync(IPage page)
    {
        var logo = page.Locator("header .brand img");
        await Expect(logo).ToBeVisibleAsync();
        // Visible is not loaded: wait for the image to finish (or fail) loading.
        Assert.True(await logo.EvaluateAsync<bool>(
            "img => img.complete ? img.naturalWidth > 0 : new Promise(done => { img.onload = () => done(img.naturalWidth > 0); img.onerror = () => done(false); })"),
            "The logo did not load.");
        var url = await logo.EvaluateAsync<string>("img => img.src");
        return (url, (await FetchAsync(page, url)).Body);
    }

    private static async Task<string> FaviconAsync(IPage page)
    {
        var href = await page.Locator("link[rel=icon]").EvaluateAsync<string>("link => link.href");
        var (status, etag, body) = await FetchAsync(page, href);
        Assert.True(status == 200, $"{href} answered {status}");
        Assert.NotNull(etag);
        return body;
    }

    /// <summary>Fetches from inside the page, so the browser's host mapping applies (the test process cannot resolve the demo hosts).</summary>
    private static async Task<(int Status, string? ETag, string Body)> FetchAsync(IPage page, string url)
    {
        var result = await page.EvaluateAsync<FetchResult>(
            "async url => { const r = await fetch(url); return { status: r.status, etag: r.headers.get('etag'), body: await r.text() }; }", url);
        return (result.Status, result.ETag, result.Body);
    }

    private sealed class FetchResult
    {
        public int Status { get; set; }

        public string? ETag { get; set; }

        public string Body { get; set; } = string.Empty;
    }

    private async Task<MimeMessage> RequestResetAsync(IPage page, string host, string organization)
    {
        await page.GotoAsync(Host.Url(host, "/account/forgot-password"));
        await page.GetByLabel("E-mail").FillAsync(Demo.OwnerOf(organization));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a reset link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("we sent it a link");

        // With no SMTP server configured, the portal writes each message as an .eml file under its data folder.
        var folder = Path.Combine(Host.DataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                MimeMessage message;
                try
                {
                    message = await MimeMessage.LoadAsync(file);
                }
                catch (Exception ex) when (ex is IOException or FormatException)
                {
                    continue; // still being written
                }

                if (message.Subject?.Contains(organization, StringComparison.Ordinal) == true) return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No password-reset e-mail for {organization} appeared in {folder}.");
    }

    /// <summary>Two screenshots next to each other in one image, for a person to compare.</summary>
    private async Task SideBySideAsync(string name, IPage left, IPage right)
    {
        var images = await Task.WhenAll(new[] { left, right }.Select(async p => Convert.ToBase64String(await p.ScreenshotAsync(new() { FullPage = false }))));
        var board = await Context.NewPageAsync();
        await board.SetViewportSizeAsync(2 * 1280 + 48, 800 + 32);
        await board.SetContentAsync(
            $"""<body style="margin:0;padding:16px;background:#52525b;display:flex;gap:16px"><img src="data:image/png;base64,{images[0]}" width="1280" height="800"><img src="data:image/png;base64,{images[1]}" width="1280" height="800"></body>""");
        await ScreenshotAsync(board, name);
        await board.CloseAsync();
    }
}
