using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Benchmarks;

/// <summary>The real portal in process on a fresh SQLite file, quiet (no console logging in the timings).</summary>
public sealed class BenchmarkHost(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string PlatformDomain = "bench.test";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("portal-bench-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // An Exe gets no content-root attribute from Mvc.Testing, as test projects do.
        builder.UseSolutionRelativeContentRoot("src/Portal/Portal.Web");
        builder.UseEnvironment("Production");
        builder.UseSetting("Portal:PlatformDomain", PlatformDomain);
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:PublicScheme", "http");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
