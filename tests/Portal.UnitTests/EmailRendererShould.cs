using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Mail;
using PartnerPortal.Theming;

namespace PartnerPortal.UnitTests;

/// <summary>Scriban rendering: escaping, sandbox limits and theme fallback, on a themes folder of its own.</summary>
public sealed class EmailRendererShould : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("themes-").FullName;
    private readonly EmailRenderer _renderer;

    public EmailRendererShould()
    {
        Write("default/theme.json", """{ "displayName": "Default" }""");
        Write("default/emails/_layout.html.sbn", "<h1>{{ org_name }}</h1>{{ content }}");
        Write("default/emails/_layout.txt.sbn", "{{ org_name }}\n{{ content }}");
        Write("default/emails/hello.subject.sbn", "Hello from {{ org_name }}");
        Write("default/emails/hello.html.sbn", "<p>Hi {{ name }}</p>");
        Write("default/emails/hello.txt.sbn", "Hi {{ name }}");
        Write("default/emails/loop.html.sbn", "{{ for i in 1..100000 }}x{{ end }}");
        Write("default/emails/include.html.sbn", "{{ include 'hello.html.sbn' }}");
        Write("brisk/theme.json", """{ "displayName": "Brisk", "baseTheme": "default" }""");
        Write("brisk/emails/_layout.html.sbn", "<header class=\"brisk\">{{ org_name }}</header>{{ content }}");

        var themes = new ThemeCatalog(Options.Create(new ThemeOptions { RootPath = _root }), new FakeEnvironment(_root));
        _renderer = new EmailRenderer(themes);
    }

    [Fact]
    public void EscapeValuesInTheHtmlPart()
    {
        var email = _renderer.Render("default", "hello", Model("<script>alert(1)</script>", "Ann & <b>Bob</b>"));
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html);
        Assert.Contains("Ann &amp; &lt;b&gt;Bob&lt;/b&gt;", email.Html);
    }

    [Fact]
    public void KeepTheTextPartAndSubjectPlain()
    {
        var email = _renderer.Render("default", "hello", Model("Acme & Co", "Ann"));
        Assert.Equal("Hello from Acme & Co", email.Subject);
        Assert.Contains("Acme & Co\nHi Ann", email.Text);
    }

    [Fact]
    public void FallBackToTheDefaultThemeForWhatAThemeDoesNotOverride()
    {
        var email = _renderer.Render("brisk", "hello", Model("Acme", "Ann"));
        Assert.Contains("<header class=\"brisk\">Acme</header>", email.Html); // brisk's own layout
        Assert.Contains("<p>Hi Ann</p>", email.Html); // default's body
        Assert.Contains("Acme\nHi Ann", email.Text); // default's text layout
    }

    [Fact]
    public void FallBackToDefaultForAnUnknownOrUnsafeThemeName()
    {
        Assert.Contains("<h1>Acme</h1>", _renderer.Render("no-such-theme", "hello", Model("Acme", "Ann")).Html);
        Assert.Contains("<h1>Acme</h1>", _renderer.Render("../brisk", "hello", Model("Acme", "Ann")).Html);
    }

    [Fact]
    public void RefuseUnknownVariables()
    {
        var model = new Dictionary<string, string?> { ["org_name"] = "Acme" }; // no "name"
        Assert.ThrowsAny<Exception>(() => _renderer.Render("default", "hello", model));
    }

    [Fact]
    public void StopRunawayLoops()
    {
        Assert.ThrowsAny<Exception>(() => _renderer.RenderFile("default", "emails/loop.html.sbn", Model("Acme", "Ann"), html: true));
    }

    [Fact]
    public void LoadNoOtherFiles()
    {
        Assert.ThrowsAny<Exception>(() => _renderer.RenderFile("default", "emails/include.html.sbn", Model("Acme", "Ann"), html: true));
    }

    [Fact]
    public void SeeAnEditedTemplateOnTheNextRender()
    {
        Assert.Contains("<p>Hi Ann</p>", _renderer.Render("default", "hello", Model("Acme", "Ann")).Html);
        var path = Path.Combine(_root, "default/emails/hello.html.sbn");
        File.WriteAllText(path, "<p>Welcome {{ name }}</p>");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Contains("<p>Welcome Ann</p>", _renderer.Render("default", "hello", Model("Acme", "Ann")).Html);
    }

    private static Dictionary<string, string?> Model(string org, string name) => new() { ["org_name"] = org, ["name"] = name };

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FakeEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
