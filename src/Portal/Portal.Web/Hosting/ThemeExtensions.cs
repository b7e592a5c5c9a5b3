using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using PartnerPortal.Tenancy;
using PartnerPortal.Theming;

namespace PartnerPortal.Web.Hosting;

public static class ThemeExtensions
{
    /// <summary>Themes (T6) and the branding they render (T3–T5).</summary>
    public static IServiceCollection AddPortalThemes(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThemeOptions>(configuration.GetSection(ThemeOptions.Section));
        services.AddSingleton<ThemeCatalog>();
        services.AddOptions<RazorViewEngineOptions>()
            .Configure<ThemeCatalog>((o, themes) => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander(themes)));
        services.AddScoped<Branding.PageBrand>();
        services.AddScoped<PartnerPortal.Branding.BrandingSettings>();
        if (configuration.GetValue($"{ThemeOptions.Section}:{nameof(ThemeOptions.WarmUpAtStart)}", true))
        {
            services.AddHostedService<ThemeWarmup>();
            FirstRequestWarmup.Decorate(services);
        }

        // Theme files are public and hold no secret, so compressing them over HTTPS gives nothing
        // away (BREACH needs a secret beside attacker-chosen text); pages are not compressed here.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        return services;
    }

    /// <summary>
    /// The theme this request renders with: a preview an admin asked for (set by the page after
    /// checking the role), else the organization's theme, else <c>default</c>.
    /// </summary>
    public static string ActiveTheme(this HttpContext context)
    {
        var theme = context.Features.Get<ThemePreview>()?.Theme ?? context.Tenancy()?.Tenant?.Branding.Theme;
        return ThemeCatalog.IsSafeName(theme) ? theme! : ThemeCatalog.DefaultTheme;
    }

    /// <summary>Renders the rest of this request in <paramref name="theme"/>; only pages that checked the user may preview call it.</summary>
    public static void PreviewTheme(this HttpContext context, string theme) => context.Features.Set(new ThemePreview(theme));

    /// <summary>
    /// Theme layouts are compiled at run time so a theme edit shows on the next request (T6).
    /// Runtime compilation is obsolete in .NET 10 (ASPDEPR003) but nothing else recompiles Razor
    /// from a folder outside the build; this is the one place that opts in.
    /// </summary>
    public static IMvcBuilder AddThemeRuntimeCompilation(this IMvcBuilder mvc, IServiceCollection services)
    {
#pragma warning disable ASPDEPR003 // see the summary: the only way to edit themes without a rebuild
        mvc.AddRazorRuntimeCompilation();
        services.AddOptions<Microsoft.AspNetCore.Mvc.Razor.RuntimeCompilation.MvcRazorRuntimeCompilationOptions>()
            .Configure<ThemeCatalog>((options, themes) =>
                options.FileProviders.Insert(0, new MountedFileProvider("/themes", new PhysicalFileProvider(themes.RootPath))));
#pragma warning restore ASPDEPR003
        return mvc;
    }

    /// <summary>
    /// Serves <c>themes/&lt;name&gt;/wwwroot</c> at <c>/_themes/&lt;name&gt;/</c>, compressed (Brotli or
    /// gzip). A URL with a version (<c>?v=</c>, the file's time) never changes content, so browsers
    /// keep it a year without asking again; an edited file gets a new URL.
    /// </summary>
    public static IApplicationBuilder UsePortalStaticFiles(this WebApplication app)
    {
        app.UseResponseCompression();
        var themes = app.Services.GetRequiredService<ThemeCatalog>();
        foreach (var theme in themes.List())
        {
            var folder = Path.Combine(themes.RootPath, theme.Name, "wwwroot");
            if (!Directory.Exists(folder)) continue;
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(folder),
                RequestPath = $"/_themes/{theme.Name}",
                OnPrepareResponse = MarkVersionedImmutable,
            });
        }

        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = MarkVersionedImmutable });
        return app;
    }

    private static void MarkVersionedImmutable(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context)
    {
        if (!StringValues.IsNullOrEmpty(context.Context.Request.Query["v"]))
            context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
    }
}

/// <summary>A theme shown for this request only (the theme picker's preview).</summary>
public sealed record ThemePreview(string Theme);

/// <summary>
/// Puts the request's theme and its base themes first and <c>default</c> last when looking up
/// layouts and partials. The theme name goes into the cache key so tenants never share a cached
/// layout; <see cref="PopulateValues"/> runs on every lookup and does no I/O.
/// </summary>
public sealed class ThemeViewLocationExpander(ThemeCatalog themes) : IViewLocationExpander
{
    private const string Key = "theme";

    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values[Key] = context.ActionContext.HttpContext.ActiveTheme();

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        // Only on a cache miss: reading the theme chain here costs nothing per request.
        var theme = context.Values.TryGetValue(Key, out var value) && value is not null ? value : ThemeCatalog.DefaultTheme;
        var chain = themes.Chain(theme).ToList();
        foreach (var name in chain.Where(n => n != ThemeCatalog.DefaultTheme)) yield return $"/themes/{name}/Shared/{{0}}.cshtml";
        foreach (var location in viewLocations) yield return location;
        yield return $"/themes/{ThemeCatalog.DefaultTheme}/Shared/{{0}}.cshtml";
    }
}

/// <summary>Shows a folder under a path prefix (the themes folder as <c>/themes</c>) to Razor's file lookup.</summary>
public sealed class MountedFileProvider(string prefix, IFileProvider inner) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath) =>
        Strip(subpath) is { } rest ? inner.GetFileInfo(rest) : new NotFoundFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) =>
        Strip(subpath) is { } rest ? inner.GetDirectoryContents(rest) : NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) =>
        Strip(filter) is { } rest ? inner.Watch(rest) : NullChangeToken.Singleton;

    private string? Strip(string path)
    {
        path = "/" + path.TrimStart('/');
        if (path.Equals(prefix, StringComparison.Ordinal)) return "/";
        return path.StartsWith(prefix + "/", StringComparison.Ordinal) ? path[prefix.Length..] : null;
    }
}
