using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Theming;

public sealed class ThemeOptions
{
    public const string Section = "Themes";

    /// <summary>Folder holding one folder per theme. Relative paths are under the content root; unset: the nearest <c>themes/</c> above it.</summary>
    public string? RootPath { get; set; }

    /// <summary>
    /// Compile every theme's shared views before the server listens, so the first page after a start
    /// answers at once. The integration tests turn it off: each of their many short-lived hosts would
    /// otherwise compile the views of themes it never shows.
    /// </summary>
    public bool WarmUpAtStart { get; set; } = true;
}

public sealed record ThemeManifest(string Name, string DisplayName, string? BaseTheme, string? PrimaryColor, string? AccentColor)
{
    /// <summary>One line for the theme picker: what a person sees that sets the theme apart.</summary>
    public string? Description { get; init; }
}

/// <summary>
/// The themes on disk (T6). Theme names are folder names; lookups never leave the root. Manifests
/// are cached until their file changes (one stat per lookup, no watcher), so an edited theme shows
/// on the next request.
/// </summary>
public sealed class ThemeCatalog
{
    public const string DefaultTheme = "default";
    public const string StylesheetName = "site.css";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, (DateTime Stamp, ThemeManifest? Manifest)> _manifests = new(StringComparer.Ordinal);

    public ThemeCatalog(IOptions<ThemeOptions> options, IHostEnvironment environment)
    {
        RootPath = ResolveRoot(options.Value.RootPath, environment.ContentRootPath);
    }

    public string RootPath { get; }

    public IReadOnlyList<ThemeManifest> List() =>
        Directory.EnumerateDirectories(RootPath)
            .Select(dir => ReadManifest(Path.GetFileName(dir)))
            .OfType<ThemeManifest>()
            .OrderBy(t => t.Name == DefaultTheme ? 0 : 1).ThenBy(t => t.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public bool Exists(string? name) => ReadManifest(name) is not null;

    public ThemeManifest? Find(string? name) => ReadManifest(name);

    /// <summary>The theme itself, then its base themes, ending with <c>default</c>.</summary>
    public IEnumerable<string> Chain(string? name)
    {
        var seen = new HashSet<string>();
        var current = Exists(name) ? name! : DefaultTheme;
        // A cycle of base themes stops where it repeats; every chain ends at default.
        while (current != DefaultTheme && seen.Add(current))
        {
            yield return current;
            var next = ReadManifest(current)?.BaseTheme;
            current = Exists(next) ? next! : DefaultTheme;
        }

        yield return DefaultTheme;
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

    /// <summary>
    /// The stylesheets a page in this theme links, base theme first, so a theme's own
    /// <c>wwwroot/site.css</c> only overrides what it changes. Each URL carries the file's
    /// version, so an edited stylesheet is fetched again on the next page.
    /// </summary>
    public IReadOnlyList<string> Stylesheets(string? theme)
    {
        var links = new List<string>(2);
        foreach (var name in Chain(theme).Reverse())
        {
            var file = new FileInfo(Path.Combine(RootPath, name, "wwwroot", StylesheetName));
            if (file.Exists) links.Add($"/_themes/{name}/{StylesheetName}?v={file.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)}");
        }

        return links;
    }

    public static bool IsSafeName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private ThemeManifest? ReadManifest(string? name)
    {
        if (!IsSafeName(name)) return null;
        var path = Path.Combine(RootPath, name!, "theme.json");
        var stamp = File.GetLastWriteTimeUtc(path); // a missing file reads as 1601-01-01
        if (_manifests.TryGetValue(name!, out var cached) && cached.Stamp == stamp) return cached.Manifest;

        ThemeManifest? manifest = null;
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<ThemeManifest>(stream, Json) is { } read ? read with { Name = name! } : null;
        }

        _manifests[name!] = (stamp, manifest);
        return manifest;
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
