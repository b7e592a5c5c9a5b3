using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Mail;
using PartnerPortal.Theming;

namespace PartnerPortal.UnitTests;

/// <summary>The themes shipped in the repository's <c>themes/</c> folder (T6, T7).</summary>
public sealed class ThemesShould
{
    private static readonly ThemeCatalog Catalog = new(Options.Create(new ThemeOptions()), new Environment(AppContext.BaseDirectory));
    private static readonly EmailRenderer Renderer = new(Catalog);

    public static TheoryData<string> Themes => [.. Catalog.List().Select(t => t.Name)];

    public static TheoryData<string, string> ThemesAndEmails
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var theme in Catalog.List())
            {
                data.Add(theme.Name, "invitation");
                data.Add(theme.Name, "password-reset");
            }

            return data;
        }
    }

    [Fact]
    public void ShipTheDefaultAndAtLeastTwoOthers()
    {
        var names = Catalog.List().Select(t => t.Name).ToList();
        Assert.Equal(ThemeCatalog.DefaultTheme, names[0]);
        Assert.Contains("ledger", names);
        Assert.Contains("bold", names);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void DescribeThemselvesAndEndTheirChainAtDefault(string theme)
    {
        var manifest = Catalog.Find(theme)!;
        Assert.False(string.IsNullOrWhiteSpace(manifest.DisplayName));
        Assert.False(string.IsNullOrWhiteSpace(manifest.Description));
        Assert.Equal(ThemeCatalog.DefaultTheme, Catalog.Chain(theme).Last());
        Assert.Equal(theme, Catalog.Chain(theme).First());
        Assert.NotNull(Catalog.FindFile(theme, "wwwroot/preview.svg"));
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void LinkDefaultsStylesheetFirstAndTheirOwnLast(string theme)
    {
        var stylesheets = Catalog.Stylesheets(theme);
        Assert.StartsWith("/_themes/default/site.css?v=", stylesheets[0]);
        if (theme != ThemeCatalog.DefaultTheme)
        {
            Assert.Equal(2, stylesheets.Count);
            Assert.StartsWith($"/_themes/{theme}/site.css?v=", stylesheets[1]);
        }
    }

    [Theory]
    [MemberData(nameof(ThemesAndEmails))]
    public void RenderEveryEmailWithAHostileOrganizationNameEscaped(string theme, string template)
    {
        var email = Renderer.Render(theme, template, Model("<script>alert('x')</script> & Co"));
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", email.Html);
        Assert.Contains("<script>alert('x')</script> & Co", email.Subject); // a header, not HTML
        Assert.Contains("https://acme.example/logo", email.Html);
        Assert.Contains("+1 555 0100", email.Text);
    }

    [Fact]
    public void LetAThemeOverrideTheEmailLayoutAndFallBackToDefaultForTheRest()
    {
        var bold = Renderer.Render("bold", "invitation", Model("Acme"));
        var ledger = Renderer.Render("ledger", "invitation", Model("Acme"));
        var @default = Renderer.Render("default", "invitation", Model("Acme"));

        Assert.Contains("data-theme=\"bold\"", bold.Html); // bold's own layout
        Assert.Equal(@default.Html, ledger.Html); // ledger has no e-mail templates: all of default's
        Assert.Contains("Accept the invitation", bold.Html); // default's body inside bold's layout
        Assert.Equal(@default.Text, bold.Text); // default's text layout
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void RenderAFaviconWithEscapedInitials(string theme)
    {
        var svg = Renderer.RenderFile(theme, "favicon.svg.sbn", new Dictionary<string, string?>
        {
            ["initials"] = "<\"",
            ["brand_color"] = "#0E7C86",
            ["accent_color"] = "#B45309",
        }, html: true);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Contains("#0E7C86", svg);
        Assert.Contains("&lt;&quot;", svg);
        System.Xml.Linq.XDocument.Parse(svg); // still well-formed
    }

    private static Dictionary<string, string?> Model(string organization) => new()
    {
        ["org_name"] = organization,
        ["brand_color"] = "#0E7C86",
        ["accent_color"] = "#B45309",
        ["footer_text"] = "12 Harbour Street",
        ["support_email"] = "help@acme.example",
        ["support_url"] = "https://help.acme.example",
        ["support_phone"] = "+1 555 0100",
        ["logo_url"] = "https://acme.example/logo",
        ["home_url"] = "https://acme.example/",
        ["powered_by"] = string.Empty,
        ["inviter_name"] = "Ann",
        ["role"] = "member",
        ["accept_url"] = "https://acme.example/accept",
        ["expires_days"] = "7",
        ["email"] = "ann@acme.example",
        ["reset_url"] = "https://acme.example/reset",
    };

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
