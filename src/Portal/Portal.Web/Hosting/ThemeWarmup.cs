using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using PartnerPortal.Data;
using PartnerPortal.Theming;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// Compiles every theme's layouts and partials, and builds the EF model, before the server starts
/// listening (hosted services start first), so the first page a person opens does not wait 6–7 s for
/// Roslyn. Themes stay compiled at run time: an edited file still recompiles on its next request (T6).
/// </summary>
public sealed partial class ThemeWarmup(IServiceProvider services, ThemeCatalog themes, IViewCompilerProvider compilers, ILogger<ThemeWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Model;
        }

        var compiler = compilers.GetCompiler();
        var views = 0;
        foreach (var theme in themes.List())
        {
            var shared = Path.Combine(themes.RootPath, theme.Name, "Shared");
            if (!Directory.Exists(shared)) continue;
            foreach (var file in Directory.EnumerateFiles(shared, "*.cshtml").Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The same path the view engine asks for, so the request finds it in the compiler's cache.
                await compiler.CompileAsync($"/themes/{theme.Name}/Shared/{Path.GetFileName(file)}");
                views++;
            }
        }

        LogWarmed(logger, views, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled {Views} theme views in {Milliseconds} ms before listening.")]
    private static partial void LogWarmed(ILogger logger, int views, long milliseconds);
}
