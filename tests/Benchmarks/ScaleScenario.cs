using System.Net;
using Npgsql;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The production shape against the embedded one (issue 15), reported as ratios with no target:
/// the same signed-in page (a solution's records list, 50 of 100 records, read from the database on
/// every request) on PostgreSQL against SQLite, and two instances on one PostgreSQL database and one
/// Redis against one instance of them. <c>run.sh</c> starts a throw-away PostgreSQL and Redis and
/// passes them as <c>PORTAL_BENCH_POSTGRES</c> (a connection string without a database, as a user who
/// may create one) and <c>PORTAL_BENCH_REDIS</c>.
/// </summary>
/// <remarks>
/// PostgreSQL against SQLite compares two portals hosted in this process. Two instances against one
/// compares portals that run as processes of their own (the built <c>PartnerPortal.Web.dll</c>, each
/// with its own runtime, GC heap and thread pool, as two servers would have), on the database the
/// hosted PostgreSQL portal created and seeded. The portals' CPU is this process's and the instance
/// processes'. PostgreSQL's and Redis's CPU is counted with it (<see cref="CpuSnapshot.ServersVariable"/>):
/// SQLite does its database work inside the portal, so without the server's share PostgreSQL would
/// look cheaper than it is.
/// </remarks>
public sealed class ScaleScenario(Wrk wrk, RunSettings settings, TextWriter log)
{
    public const string PostgresVariable = "PORTAL_BENCH_POSTGRES";
    public const string RedisVariable = "PORTAL_BENCH_REDIS";
    private const int Records = SolutionsScenario.SmallCount;
    private const int RowsShown = 50;

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value ? value : null;

    public async Task<IReadOnlyList<ComparisonResult>> RunAsync(string postgresServer, string redis)
    {
        var organization = new Organization { Name = "Scale Clinic", Slug = "scale", CreatedAt = DateTime.UtcNow };
        var host = $"{organization.Slug}.{PortalHost.PlatformDomain}";
        // A database and a cache prefix of this run's own, so runs against one server never meet.
        var run = Guid.NewGuid().ToString("N")[..12];
        var database = $"portal_bench_{run}";
        await CreateDatabaseAsync(postgresServer, database);
        var serverSettings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:InstanceName"] = $"bench-{run}:",
        };

        await using var onSqlite = await PortalHost.StartAsync("sqlite", [organization]);
        // The hosted portal creates and migrates the database; the instance processes find it current.
        await using var onPostgres = await PortalHost.StartAsync("postgresql", [organization], settings: serverSettings);
        var sqlite = await SignedInVariantAsync("SQLite", onSqlite, organization, host);
        var postgres = await SignedInVariantAsync("PostgreSQL + Redis", onPostgres, organization, host);

        var folders = Directory.CreateTempSubdirectory("portal-bench-instances-");
        try
        {
            return await CompareAsync(sqlite, postgres, serverSettings, folders.FullName);
        }
        finally
        {
            folders.Delete(recursive: true);
        }
    }

    private async Task<IReadOnlyList<ComparisonResult>> CompareAsync(Variant sqlite, Variant postgres, IReadOnlyDictionary<string, string> serverSettings, string folders)
    {
        await using var first = await StartInstanceAsync(serverSettings, Path.Combine(folders, "1"));
        await using var second = await StartInstanceAsync(serverSettings, Path.Combine(folders, "2"));
        var oneInstance = postgres with { Name = "PostgreSQL + Redis, 1 instance process", Instances = [first.Address], Processes = [first.Id] };
        var twoInstances = postgres with { Name = "PostgreSQL + Redis, 2 instance processes", Instances = [first.Address, second.Address], Processes = [first.Id, second.Id] };
        // The hosted portal's session opens the page on both processes: one database, one set of keys.
        await CheckAsync(first.Address, oneInstance);
        await CheckAsync(second.Address, twoInstances);
        log.WriteLine($"[scale] SQLite and PostgreSQL portals hosted here, two instance processes ({first.Id}, {second.Id}); {Records} records; page {postgres.Path}");

        var comparison = new Comparison(wrk, settings, log);
        await comparison.WarmUpAsync([sqlite, postgres, twoInstances]);
        var providers = await comparison.RunAsync("PostgreSQL vs SQLite", postgres, sqlite, target: null);
        var instances = await comparison.RunAsync("2 instances vs 1", twoInstances, oneInstance, target: null);
        return [providers, instances];
    }

    /// <summary>The built portal as a process of its own on the hosted PostgreSQL portal's database and Redis, configured as <see cref="PortalHost"/> configures a hosted one.</summary>
    private static async Task<PortalProcess> StartInstanceAsync(IReadOnlyDictionary<string, string> serverSettings, string dataDirectory)
    {
        var settings = PortalHost.Settings(dataDirectory).Concat(serverSettings).ToDictionary(s => s.Key, s => (string?)s.Value);
        // The line the process is waited on ("Now listening on: …").
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        return await PortalProcess.StartAsync(settings, PortalHost.EnvironmentName);
    }

    /// <summary>Created here rather than by the first instance's migration, which logs a failed connection to it first.</summary>
    private static async Task CreateDatabaseAsync(string server, string name)
    {
        // Npgsql reads its timestamp switch once, at its first use in the process: this connection, before the portal's.
        PostgreSqlPortalDbContext.UseUtcDateTimesWithoutKind();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Seeds the owner, the solution and its records on <paramref name="portal"/>'s database, signs in and checks the page lists them.</summary>
    private static async Task<Variant> SignedInVariantAsync(string name, PortalHost portal, Organization organization, string host)
    {
        var seeded = await SolutionsScenario.SeedAsync(portal, organization, Records);
        var cookies = new CookieContainer();
        (await portal.SignedInAsync(host, seeded.Email, SolutionsScenario.Password, cookies)).Dispose();

        var variant = new Variant(name, portal, [host]) { Path = seeded.List, Cookie = cookies.GetCookieHeader(new Uri($"http://{host}/")) };
        await CheckAsync(portal.BaseAddress, variant);
        return variant;
    }

    /// <summary>wrk counts a redirect to the sign-in page as success: the session must open the full page at <paramref name="address"/> first.</summary>
    private static async Task CheckAsync(Uri address, Variant variant)
    {
        var host = variant.Hosts[0];
        var cookies = new CookieContainer();
        cookies.SetCookies(new Uri($"http://{host}/"), variant.Cookie!.Replace("; ", ",", StringComparison.Ordinal));
        using var client = PortalHost.ClientFor(address, host, cookies);
        await SolutionsScenario.CheckRowsAsync(client, variant.Path, RowsShown);
    }
}
