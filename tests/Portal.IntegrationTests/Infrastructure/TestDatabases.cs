using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web;
using PartnerPortal.Web.Data;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Which database server and Redis the suite runs on. <c>test.sh</c> runs the suite once on SQLite
/// files and once with <c>PORTAL_TEST_POSTGRES</c> (a connection string to a throw-away PostgreSQL
/// server, as a user who may create databases) and <c>PORTAL_TEST_REDIS</c> (a throw-away Redis).
/// On PostgreSQL every factory gets a database of its own, cloned from a template migrated once per
/// run: a clone costs a file copy, a migration thousands of statements.
/// </summary>
public static class TestDatabases
{
    /// <summary>
    /// The trait of a test class that is SQLite-only by nature and so runs only in the SQLite pass
    /// (<c>test.sh</c> filters <c>Database!=SqliteOnly</c> in the PostgreSQL one); say why at each use.
    /// </summary>
    public const string Trait = "Database";

    public const string SqliteOnly = "SqliteOnly";

    private const string Template = "portal_template";
    private static readonly Lock Gate = new();
    private static bool _templateReady;

    // Npgsql reads its timestamp switch once, at its first use in the process: before this class's first connection.
    static TestDatabases() => PostgreSqlPortalDbContext.UseUtcDateTimesWithoutKind();

    public static string? PostgreSqlServer { get; } = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } pg ? pg : null;

    public static string? Redis { get; } = Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS") is { Length: > 0 } redis ? redis + RedisTimeouts : null;

    /// <summary>
    /// StackExchange.Redis gives up on an answer after 5 s, which a starved thread pool on the shared
    /// 2-core test machine reaches (the answer sits unread in its pipe); a test is not about that.
    /// </summary>
    public const string RedisTimeouts = ",syncTimeout=30000,asyncTimeout=30000";

    /// <summary>The database name for a data folder: factories sharing a folder share a database, as they share a SQLite file.</summary>
    public static string NameFor(string dataDirectory) =>
        "portal_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];

    /// <summary>Creates the database for <paramref name="dataDirectory"/> from the template unless it exists; returns its connection string.</summary>
    public static string PostgreSqlFor(string dataDirectory)
    {
        var server = PostgreSqlServer ?? throw new InvalidOperationException("PORTAL_TEST_POSTGRES is not set.");
        var name = NameFor(dataDirectory);
        lock (Gate)
        {
            if (!_templateReady)
            {
                CreateTemplate(server);
                _templateReady = true;
            }

            if (Scalar(server, $"SELECT 1 FROM pg_database WHERE datname = '{name}'") is null)
            {
                Execute(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
            }
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a factory's own database once it is done with it.</summary>
    public static void DropPostgreSql(string dataDirectory)
    {
        if (PostgreSqlServer is not { } server) return;
        Execute(server, $"DROP DATABASE IF EXISTS \"{NameFor(dataDirectory)}\" WITH (FORCE)");
    }

    private static void CreateTemplate(string server)
    {
        Execute(server, $"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
        Execute(server, $"CREATE DATABASE \"{Template}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = Template, Pooling = false }.ConnectionString;
        using (var db = new PostgreSqlPortalDbContext(
                   new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(connection).Options,
                   new TenantContext(), new InstalledModules(PortalModuleList.Create())))
        {
            db.Database.Migrate();
        }

        // A template can be cloned only while nobody is connected to it.
        NpgsqlConnection.ClearAllPools();
    }

    private static object? Scalar(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
