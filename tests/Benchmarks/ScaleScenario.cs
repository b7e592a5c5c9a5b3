using System.Net;
using Npgsql;
using PartnerPortal.Accounts;
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
/// Every instance is hosted in this process (its own DI container, caches, Kestrel server and
/// connection pool; one runtime, GC heap and thread pool, as two processes would share the same two
/// cores), so the portals' CPU is this process's. PostgreSQL's and Redis's CPU is counted with it
/// (<see cref="CpuSnapshot.ServersVariable"/>): SQLite does its database work inside the portal, so
/// without the server's share PostgreSQL would look cheaper than it is.
/// </remarks>
public sealed class ScaleScenario(Wrk wrk, RunSettings settings, TextWriter log)
{
    public const string PostgresVariable = "PORTAL_BENCH_POSTGRES";
    public const string RedisVariable = "PORTAL_BENCH_REDIS";
    private const int Records = SolutionsScenario.SmallCount;
    private const int RowsShown = 50;

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value ? value : null;

    public async Task<IReadOnlyList<ComparisonResult>> RunAsync(string postgres, string redis)
    {
        var organization = new Organization { Name = "Scale Clinic", Slug = "scale", CreatedAt = DateTime.UtcNow };
        var host = $"{organization.Slug}.{PortalHost.PlatformDomain}";
        // A database and a cache prefix of this run's own, so runs against one server never meet.
        var run = Guid.NewGuid().ToString("N")[..12];
        var database = $"portal_bench_{run}";
        await CreateDatabaseAsync(postgres, database);
        var serverSettings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:InstanceName"] = $"bench-{run}:",
        };

        await using var onSqlite = await PortalHost.StartAsync("sqlite", [organization]);
        // One after the other: the first creates and migrates the database, the second finds it current.
        await using var first = await PortalHost.StartAsync("postgresql 1", [organization], settings: serverSettings);
        await using var second = await PortalHost.StartAsync("postgresql 2", [], settings: serverSettings);
        var sqlite = await SignedInVariantAsync("SQLite, 1 instance", onSqlite, organization, host);
        var postgresOne = await SignedInVariantAsync("PostgreSQL + Redis, 1 instance", first, organization, host);
        var postgresTwo = postgresOne with { Name = "PostgreSQL + Redis, 2 instances", Instances = [first, second] };
        // The session of the first instance opens the page on the second: one database, one set of keys.
        await CheckAsync(second, postgresTwo);
        log.WriteLine($"[scale] SQLite and two PostgreSQL instances up; {Records} records each; page {postgresOne.Path}");

        var comparison = new Comparison(wrk, settings, log);
        await comparison.WarmUpAsync([sqlite, postgresTwo]);
        var providers = await comparison.RunAsync("PostgreSQL vs SQLite", postgresOne, sqlite, target: null);
        var instances = await comparison.RunAsync("2 instances vs 1", postgresTwo, postgresOne, target: null);
        return [providers, instances];
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
        await CheckAsync(portal, variant);
        return variant;
    }

    /// <summary>wrk counts a redirect to the sign-in page as success: the session must open the full page on <paramref name="portal"/> first.</summary>
    private static async Task CheckAsync(PortalHost portal, Variant variant)
    {
        var host = variant.Hosts[0];
        var cookies = new CookieContainer();
        cookies.SetCookies(new Uri($"http://{host}/"), variant.Cookie!.Replace("; ", ",", StringComparison.Ordinal));
        using var client = portal.ClientFor(host, cookies);
        await SolutionsScenario.CheckRowsAsync(client, variant.Path, RowsShown);
    }
}
