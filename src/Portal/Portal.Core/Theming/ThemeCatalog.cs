using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Theming;

public sealed class ThemeOptions
{
    public const string Section = "Themes";

    /// <summary>Folder holding one folder per theme. Relative paths are under the content root; unset: the nearest <c>themes/</c> above it.</summary>
    public string? RootPath { get; set; }
}

public sealed record ThemeManifest(string Name, string DisplayName, string? BaseTheme, string? PrimaryColor, string? AccentColor);

/// <summary>The themes on disk (T6). Theme names are folder names; lookups never leave the root.</summary>
public sealed class ThemeCatalog
{
    public const string DefaultTheme = "default";

    public ThemeCatalog(IOptions<ThemeOptions> options, IHostEnvironment environment)
    {
        RootPath = ResolveRoot(options.Value.RootPath, environment.ContentRootPath);
    }

    public string RootPath { get; }

    public IReadOnlyList<ThemeManifest> List() =>
        Directory.EnumerateDirectories(RootPath)
            .Select(dir => ReadManifest(Path.GetFileName(dir)))
            .OfType<ThemeManifest>()
            .OrderBy(t => t.Name == DefaultTheme ? 0 : 1).ThenBy(t => t.DisplayName)
            .ToList();

    public bool Exists(string? name) => IsSafeName(name) && File.Exists(Path.Combine(RootPath, name!, "theme.json"));

    /// <summary>The theme itself, then its base themes, ending with <c>default</c>.</summary>
    public IEnumerable<string> Chain(string? name)
    {
        var seen = new HashSet<string>();
        var current = Exists(name) ? name! : DefaultTheme;
        while (seen.Add(current))
        {
            yield return current;
            var next = ReadManifest(current)?.BaseTheme;
            current = Exists(next) ? next! : DefaultTheme;
        }
    }

    /// <summary>The first file of that relative path along the theme chain, or null.</summary>
    public string? FindFile(string? theme, string relativePath)
    {
        foreach (var name in Chain(theme))
        {
            var path = Path.Combine(RootPath, name, relativePath);
            if (File.Exists(path)) return path;
        }

        return null;
    }

    public static bool IsSafeName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private ThemeManifest? ReadManifest(string name)
    {
        if (!IsSafeName(name)) return null;
        var path = Path.Combine(RootPath, name, "theme.json");
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        var manifest = JsonSerializer.Deserialize<ThemeManifest>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return manifest is null ? null : manifest with { Name = name };
    }

    private static string ResolveRoot(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "themes");
            if (File.Exists(Path.Combine(candidate, DefaultTheme, "theme.json"))) return candidate;
        }

        throw new InvalidOperationException($"No themes folder with '{DefaultTheme}/theme.json' was found above '{contentRoot}'. Set Themes:RootPath.");
    }
}
