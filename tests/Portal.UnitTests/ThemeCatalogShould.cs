using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Theming;

namespace PartnerPortal.UnitTests;

/// <summary>Theme lookup on a themes folder of its own: names, chains, stylesheets, edits.</summary>
public sealed class ThemeCatalogShould : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("catalog-").FullName;
    private readonly ThemeCatalog _catalog;

    public ThemeCatalogShould()
    {
        Write("default/theme.json", """{ "displayName": "Default" }""");
        Write("default/wwwroot/site.css", "body {}");
        Write("plain/theme.json", """{ "displayName": "Plain", "baseTheme": "default" }""");
        Write("child/theme.json", """{ "displayName": "Child", "baseTheme": "brisk" }""");
        Write("child/wwwroot/site.css", "body {}");
        Write("brisk/theme.json", """{ "displayName": "Brisk", "baseTheme": "default" }""");
        Write("brisk/wwwroot/site.css", "body {}");
        Write("brisk/emails/_layout.html.sbn", "brisk");
        Write("loop-a/theme.json", """{ "displayName": "A", "baseTheme": "loop-b" }""");
        Write("loop-b/theme.json", """{ "displayName": "B", "baseTheme": "loop-a" }""");
        Write("no-manifest/wwwroot/site.css", "body {}");
        _catalog = new ThemeCatalog(Options.Create(new ThemeOptions { RootPath = _root }), new Environment(_root));
    }

    [Theory]
    [InlineData("brisk", new[] { "brisk", "default" }, "a theme, then default")]
    [InlineData("child", new[] { "child", "brisk", "default" }, "base themes in order")]
    [InlineData("loop-a", new[] { "loop-a", "loop-b", "default" }, "a cycle stops and ends at default")]
    [InlineData("no-manifest", new[] { "default" }, "a folder without theme.json is no theme")]
    [InlineData("missing", new[] { "default" }, "an unknown name")]
    [InlineData("../brisk", new[] { "default" }, "a path")]
    [InlineData("Brisk", new[] { "default" }, "names are lower case")]
    [InlineData(null, new[] { "default" }, "no choice")]
    public void WalkTheThemeChainToDefault(string? theme, string[] expected, string reason)
    {
        Assert.True(expected.SequenceEqual(_catalog.Chain(theme)), $"{reason}: {string.Join(", ", _catalog.Chain(theme))}");
    }

    [Fact]
    public void ListOnlyFoldersWithAManifestDefaultFirst()
    {
        var names = _catalog.List().Select(t => t.Name).ToList();
        Assert.Equal("default", names[0]);
        Assert.DoesNotContain("no-manifest", names);
        Assert.Contains("child", names);
    }

    [Fact]
    public void FindFilesAlongTheChain()
    {
        Assert.EndsWith(Path.Combine("brisk", "emails", "_layout.html.sbn"), _catalog.FindFile("child", "emails/_layout.html.sbn"));
        Assert.Null(_catalog.FindFile("child", "emails/nothing.sbn"));
    }

    [Fact]
    public void LinkStylesheetsBaseFirstSkippingThemesWithout()
    {
        var links = _catalog.Stylesheets("child").Select(l => l.Split('?')[0]).ToList();
        Assert.Equal(["/_themes/default/site.css", "/_themes/brisk/site.css", "/_themes/child/site.css"], links);
        Assert.Equal(["/_themes/default/site.css"], _catalog.Stylesheets("plain").Select(l => l.Split('?')[0]));
    }

    [Fact]
    public void SeeAnEditedManifestAndStylesheetAtOnce()
    {
        var before = _catalog.Stylesheets("brisk")[1];
        Assert.Equal("Brisk", _catalog.Find("brisk")!.DisplayName);

        Write("brisk/theme.json", """{ "displayName": "Brisker", "baseTheme": "default" }""");
        File.SetLastWriteTimeUtc(Path.Combine(_root, "brisk/theme.json"), DateTime.UtcNow.AddSeconds(5));
        Write("brisk/wwwroot/site.css", "body { color: red }");
        File.SetLastWriteTimeUtc(Path.Combine(_root, "brisk/wwwroot/site.css"), DateTime.UtcNow.AddSeconds(5));

        Assert.Equal("Brisker", _catalog.Find("brisk")!.DisplayName);
        Assert.NotEqual(before, _catalog.Stylesheets("brisk")[1]);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
