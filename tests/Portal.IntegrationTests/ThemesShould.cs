using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T6: an organization picks a theme (after a preview); a reseller picks its clients' default.</summary>
public sealed class ThemesShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task RenderAnOrganizationInTheThemeItPicked()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var (_, before) = await client.GetPageAsync("/settings/theme");
        Assert.Equal("default", before.Body!.GetAttribute("data-theme"));
        Assert.Equal(["default", "bold", "ledger"], before.QuerySelectorAll("input[name=Theme]").Select(i => i.GetAttribute("value")!).ToList());
        Assert.Equal("default", before.QuerySelector("input[name=Theme][checked]")!.GetAttribute("value"));

        var response = await client.PostFormAsync("/settings/theme", new Dictionary<string, string> { ["Theme"] = "ledger" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var (_, page) = await client.GetPageAsync("/settings");
        Assert.Equal("ledger", page.Body!.GetAttribute("data-theme"));
        Assert.NotNull(page.QuerySelector("header.topbar.ledger-sidebar")); // ledger's own layout
        Assert.NotNull(page.QuerySelector("header .brand")); // default's brand partial inside it
        Assert.Equal(["/_themes/default/site.css", "/_themes/ledger/site.css"], Stylesheets(page));
        Assert.Equal("ledger", (await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id))).Branding.Theme);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page.QuerySelectorAll("link[rel=stylesheet]")[1].GetAttribute("href")!)).StatusCode);
    }

    [Fact]
    public async Task FallBackToDefaultsLayoutForAThemeThatOnlyChangesItsStylesheet()
    {
        var org = await World.CreateOrganizationAsync(configure: o => o.Branding.Theme = "bold");
        using var client = Factory.ClientFor(org.Host);
        var (_, page) = await client.GetPageAsync("/account/signin");
        Assert.Equal("bold", page.Body!.GetAttribute("data-theme"));
        Assert.NotNull(page.QuerySelector("header.topbar"));
        Assert.Null(page.QuerySelector(".ledger-sidebar"));
        Assert.Equal(["/_themes/default/site.css", "/_themes/bold/site.css"], Stylesheets(page));
    }

    [Fact]
    public async Task PreviewAThemeForAnAdminWithoutChoosingIt()
    {
        var (org, admin) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(admin.Email!);

        var (response, page) = await client.GetPageAsync("/settings/theme?preview=bold");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bold", page.Body!.GetAttribute("data-theme"));
        Assert.Contains("Preview: Bold", page.QuerySelector(".preview-banner h2")!.TextContent);
        Assert.Equal(["/_themes/default/site.css", "/_themes/bold/site.css"], Stylesheets(page));
        Assert.Equal("bold", page.QuerySelector("input[name=Theme][checked]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("a[href='/settings/theme?preview=ledger']"));
        Assert.Null((await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id))).Branding.Theme);

        // Only that page previews: everywhere else (and for every other visitor) the theme is unchanged.
        var (_, elsewhere) = await client.GetPageAsync("/settings?preview=bold");
        Assert.Equal("default", elsewhere.Body!.GetAttribute("data-theme"));
        var (_, unknown) = await client.GetPageAsync("/settings/theme?preview=../default");
        Assert.Equal("default", unknown.Body!.GetAttribute("data-theme"));
        using var visitor = Factory.ClientFor(org.Host);
        var (_, signIn) = await visitor.GetPageAsync("/account/signin?preview=bold");
        Assert.Equal("default", signIn.Body!.GetAttribute("data-theme"));
    }

    [Fact]
    public async Task RefusePreviewsToMembersBelowAdmin()
    {
        var (org, member) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        var (response, page) = await client.GetPageAsync("/settings/theme?preview=bold");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("default", page.Body!.GetAttribute("data-theme"));
    }

    [Fact]
    public async Task GiveAResellersClientsItsDefaultThemeUnlessTheyPickedOne()
    {
        var reseller = await World.CreateOrganizationAsync("Theme Partner", OrganizationKind.Partner);
        var partnerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, partnerAdmin, OrganizationRole.Admin);
        var inheriting = await World.CreateOrganizationAsync("Inheriting Client", reseller: reseller);
        var choosing = await World.CreateOrganizationAsync("Choosing Client", reseller: reseller, configure: o => o.Branding.Theme = "ledger");
        var direct = await World.CreateOrganizationAsync("Direct Client");

        using var partner = Factory.ClientFor(reseller.Host);
        await partner.SignInAsync(partnerAdmin.Email!);
        var (_, form) = await partner.GetPageAsync("/settings/theme");
        Assert.NotNull(form.QuerySelector("input[name=ClientTheme][value='']"));
        var saved = await partner.PostFormAsync("/settings/theme", new Dictionary<string, string> { ["Theme"] = "default", ["ClientTheme"] = "bold" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal("bold", await ThemeOnAsync(inheriting));
        Assert.Equal("ledger", await ThemeOnAsync(choosing));
        Assert.Equal("default", await ThemeOnAsync(direct));
        Assert.Equal("default", await ThemeOnAsync(reseller)); // the reseller's own pages keep its own theme
    }

    [Fact]
    public async Task RefuseAThemeThatDoesNotExistAndChangeNothing()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var response = await client.PostFormAsync("/settings/theme", new Dictionary<string, string> { ["Theme"] = "../../etc" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose one of the listed themes.", (await PortalClient.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Null((await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id))).Branding.Theme);
    }

    private async Task<string?> ThemeOnAsync(TestOrganization org)
    {
        using var client = Factory.ClientFor(org.Host);
        var (_, page) = await client.GetPageAsync("/account/signin");
        return page.Body!.GetAttribute("data-theme");
    }

    private static List<string> Stylesheets(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!.Split('?')[0]).ToList();
}

/// <summary>T6: theme files are edited in place, in a themes folder outside the repository, and show without a restart.</summary>
public sealed class ThemeEditingShould(ThemeEditingShould.CopiedThemesFactory factory) : PortalTest<ThemeEditingShould.CopiedThemesFactory>(factory)
{
    [Fact]
    public async Task ShowAnEditedLayoutStylesheetAndEmailOnTheNextRequests()
    {
        var org = await World.CreateOrganizationAsync("Edited Co", configure: o => o.Branding.Theme = "ledger");
        using var client = Factory.ClientFor(org.Host);
        var (_, before) = await client.GetPageAsync("/account/signin");
        Assert.Null(before.QuerySelector("[data-edited]"));
        var stylesheet = before.QuerySelectorAll("link[rel=stylesheet]")[1].GetAttribute("href")!;

        var layout = Path.Combine(Factory.ThemesRoot, "ledger", "Shared", "_Layout.cshtml");
        File.WriteAllText(layout, File.ReadAllText(layout).Replace("<div class=\"ledger-page\">", "<div class=\"ledger-page\"><p data-edited>Edited without a restart</p>"));
        Touch(layout);
        var css = Path.Combine(Factory.ThemesRoot, "ledger", "wwwroot", "site.css");
        File.AppendAllText(css, "\n.edited-marker { color: red; }\n");
        Touch(css);
        var email = Path.Combine(Factory.ThemesRoot, "default", "emails", "password-reset.subject.sbn");
        File.WriteAllText(email, "Edited: reset your {{ org_name }} password");
        Touch(email);

        // Razor learns of the edit from a file watcher: allow it a moment, then it must show.
        AngleSharp.Html.Dom.IHtmlDocument? after = null;
        for (var attempt = 0; attempt < 100 && after?.QuerySelector("[data-edited]") is null; attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            (_, after) = await client.GetPageAsync("/account/signin");
        }

        Assert.Equal("Edited without a restart", after!.QuerySelector("[data-edited]")?.TextContent);
        var newStylesheet = after.QuerySelectorAll("link[rel=stylesheet]")[1].GetAttribute("href")!;
        Assert.NotEqual(stylesheet, newStylesheet); // a new version: browsers fetch it again
        Assert.Contains(".edited-marker", await (await client.GetAsync(newStylesheet)).Content.ReadAsStringAsync());

        var renderer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PartnerPortal.Mail.EmailRenderer>(Factory.Services);
        var subject = renderer.Render("ledger", "password-reset", new Dictionary<string, string?>
        {
            ["org_name"] = "Edited Co", ["email"] = "a@b.test", ["reset_url"] = "http://x.test", ["brand_color"] = "#000000", ["accent_color"] = "#000000",
            ["footer_text"] = "", ["support_email"] = "", ["support_url"] = "", ["support_phone"] = "", ["logo_url"] = "", ["home_url"] = "http://x.test/", ["powered_by"] = "",
        }).Subject;
        Assert.Equal("Edited: reset your Edited Co password", subject);
    }

    private static void Touch(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(2));

    /// <summary>A host whose Themes:RootPath is a copy of the repository's themes in a temporary folder.</summary>
    public sealed class CopiedThemesFactory : PortalFactory
    {
        public CopiedThemesFactory() : this(CopyThemes())
        {
        }

        private CopiedThemesFactory(string root) : base(new Dictionary<string, string?> { ["Themes:RootPath"] = root })
        {
            ThemesRoot = root;
        }

        public string ThemesRoot { get; }

        private static string CopyThemes()
        {
            var source = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(source.FullName, "themes", "default", "theme.json"))) source = source.Parent!;
            var target = Path.Combine(Directory.CreateTempSubdirectory("portal-themes-").FullName, "themes");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source.FullName, "themes"), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(Path.Combine(source.FullName, "themes"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            return target;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                try
                {
                    Directory.Delete(Path.GetDirectoryName(ThemesRoot)!, recursive: true);
                }
                catch (IOException)
                {
                    // A watcher may still hold the folder; the OS cleans temp folders.
                }
            }
        }
    }
}
