using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPortal.Web.Data;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal in process, on a fresh SQLite file of its own, with requests that carry real
/// Host headers under <see cref="PlatformDomain"/>. Anything logged at Error fails the test class.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string PlatformDomain = "portal.test";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public PortalFactory() : this(new Dictionary<string, string?>())
    {
    }

    protected PortalFactory(IDictionary<string, string?> settings, string environment = "Testing")
    {
        _environment = environment;
        DataDirectory = Directory.CreateTempSubdirectory("portal-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Portal:PlatformDomain"] = PlatformDomain,
            ["Portal:PlatformName"] = "Cloudbase",
            ["Portal:DataDirectory"] = DataDirectory,
            ["Portal:PublicScheme"] = "http",
            // Each test class's host would compile every theme's views at start; the pages it opens compile what they need.
            ["Themes:WarmUpAtStart"] = "false",
            ["Mail:FromAddress"] = "no-reply@portal.test",
            ["Mail:PollInterval"] = "00:00:00.100",
            ["Tenancy:TrustLocalDomains"] = "true",
            ["RateLimits:Credentials:PermitLimit"] = "1000",
        };
        foreach (var (key, value) in settings) _settings[key] = value;

        // On a database server the factory's database follows its data folder, as the SQLite file does.
        var dataDirectory = _settings["Portal:DataDirectory"]!;
        _ownsDatabase = dataDirectory == DataDirectory;
        if (TestDatabases.PostgreSqlServer is not null && !_settings.ContainsKey("Database:Provider"))
        {
            _settings["Database:Provider"] = "PostgreSql";
            _settings["ConnectionStrings:Portal"] = TestDatabases.PostgreSqlFor(dataDirectory);
        }

        if (TestDatabases.Redis is { } redis && !_settings.ContainsKey("ConnectionStrings:Redis"))
        {
            _settings["ConnectionStrings:Redis"] = redis;
            _settings["Redis:InstanceName"] = TestDatabases.NameFor(dataDirectory) + ":";
        }
    }

    private readonly bool _ownsDatabase;

    /// <summary>Whether this factory runs on PostgreSQL (the suite's second pass) rather than a SQLite file.</summary>
    public bool OnPostgreSql => _settings.GetValueOrDefault("Database:Provider") == "PostgreSql";

    /// <summary>A new, open connection to this factory's database, for a test that writes as an older version did.</summary>
    public DbConnection OpenDatabaseConnection()
    {
        DbConnection connection = OnPostgreSql
            ? new Npgsql.NpgsqlConnection(_settings["ConnectionStrings:Portal"])
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_settings["Portal:DataDirectory"]!, "portal.db")}");
        connection.Open();
        return connection;
    }

    public string DataDirectory { get; }

    /// <summary>The settings this host runs on, for another instance (a <see cref="PortalProcess"/>) to run on the same database, cache and mail server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public LogCapture Logs { get; } = new();

    public CommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqlitePortalDbContext>(options => options.AddInterceptors(Commands));
            services.ConfigureDbContext<PostgreSqlPortalDbContext>(options => options.AddInterceptors(Commands));
            SharedThemeViews.Decorate(services);
        });
    }

    /// <summary>A client that sends <c>Host: {host}</c>, keeps cookies in <paramref name="jar"/> and does not follow redirects.</summary>
    public PortalClient ClientFor(string host, System.Net.CookieContainer? jar = null)
    {
        jar ??= new System.Net.CookieContainer();
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar) { InnerHandler = CreateTransport() };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://{host}/") };
        return new PortalClient(client, jar, host);
    }

    /// <summary>How requests reach the host: in process by default.</summary>
    protected virtual HttpMessageHandler CreateTransport() => Server.CreateHandler();

    public string HostOf(string slug) => $"{slug}.{PlatformDomain}";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (OnPostgreSql && _ownsDatabase) TestDatabases.DropPostgreSql(DataDirectory);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background job; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>Records database commands, so a test can prove a warm request issues none for a lookup, or a page view no write.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentQueue<string> _serving = new();

    public int Count => _commands.Count;

    /// <summary>
    /// How many commands so far were issued while serving an HTTP request: background jobs and a
    /// test's own reads and writes have no request, so a page's cost can be told from them.
    /// </summary>
    public int CountServingRequests => _serving.Count;

    /// <summary>The text of the commands issued while serving requests, from the <paramref name="start"/>th on (a count taken before).</summary>
    public IReadOnlyList<string> ServingRequestsFrom(int start) => _serving.Skip(start).ToList();

    /// <summary>How many commands so far read or wrote a table whose name contains <paramref name="table"/>.</summary>
    public int CountTouching(string table) => _commands.Count(c => c.Contains(table, StringComparison.Ordinal));

    /// <summary>How many UPDATE, INSERT or DELETE statements so far named the table <paramref name="table"/> (e.g. <c>Memberships</c>).</summary>
    public int CountWriting(string table) => _commands.Count(c =>
        c.Contains($"\"{table}\"", StringComparison.Ordinal)
        && c.TrimStart().Split(' ', 2)[0].ToUpperInvariant() is "UPDATE" or "INSERT" or "DELETE");

    private T Record<T>(DbCommand command, T result)
    {
        _commands.Enqueue(command.CommandText);
        // The accessor's context flows with the request's async work, and is null everywhere else.
        if (new HttpContextAccessor().HttpContext is not null) _serving.Enqueue(command.CommandText);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Record(command, ValueTask.FromResult(result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Record(command, ValueTask.FromResult(result));

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        Record(command, ValueTask.FromResult(result));
}

/// <summary>Keeps every entry logged at Error or above.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    public void Clear() => _errors.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) owner._errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
