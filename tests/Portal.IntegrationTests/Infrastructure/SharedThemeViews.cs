using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Theming;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Compiles each view of the repository's themes once per test run instead of once per test host.
/// Every test class starts its own portal, and each compiled the theme views its first page needed:
/// about 2 s of CPU per host for Roslyn, over a hundred times a run. The compiled view (a type in an
/// assembly loaded once) is the same for every host on the same files, so hosts whose themes are the
/// repository's share it. A host on a copy of the themes (a test that edits one) compiles its own, as
/// the portal does, and sees its edits.
/// </summary>
internal sealed class SharedThemeViews(IViewCompilerProvider inner, ThemeCatalog themes) : IViewCompilerProvider
{
    private static readonly string RepositoryThemes = Path.Combine(PortalProcess.RepositoryRoot(), "themes");
    private static readonly ConcurrentDictionary<string, Lazy<Task<CompiledViewDescriptor>>> Compiled = new(StringComparer.Ordinal);

    public IViewCompiler GetCompiler()
    {
        var compiler = inner.GetCompiler();
        return PathsEqual(themes.RootPath, RepositoryThemes) ? new Compiler(compiler) : compiler;
    }

    /// <summary>Puts the cache in front of the runtime compiler the portal registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IViewCompilerProvider));
        var type = registered.ImplementationType ?? throw new InvalidOperationException("The view compiler provider is not registered by type.");
        services.Add(new ServiceDescriptor(type, type, registered.Lifetime));
        services.Add(new ServiceDescriptor(typeof(IViewCompilerProvider),
            sp => new SharedThemeViews((IViewCompilerProvider)sp.GetRequiredService(type), sp.GetRequiredService<ThemeCatalog>()), registered.Lifetime));
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    private sealed class Compiler(IViewCompiler inner) : IViewCompiler
    {
        public Task<CompiledViewDescriptor> CompileAsync(string relativePath)
        {
            if (!relativePath.StartsWith("/themes/", StringComparison.Ordinal)) return inner.CompileAsync(relativePath);

            // The first host's compiler does the work; the descriptor handed on carries no change tokens of
            // that host's file watchers (the repository's themes do not change during a run).
            return Compiled.GetOrAdd(relativePath, path => new Lazy<Task<CompiledViewDescriptor>>(async () =>
            {
                var view = await inner.CompileAsync(path);
                return view.Item is null ? view : new CompiledViewDescriptor(view.Item) { RelativePath = view.RelativePath };
            })).Value;
        }
    }
}
