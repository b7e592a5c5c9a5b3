using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// One portal instance on a real loopback port, with its own fresh SQLite folder (or the database
/// the settings name). Not Development (no demo data, no developer pages) and logging at Warning, so
/// the console stays out of the numbers.
/// </summary>
public sealed partial class PortalHost : WebApplicationFactory<Program>
{
    public const string PlatformDomain = "portal.test";
    public const string EnvironmentName = "Benchmark";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _replaceServices;
    private readonly IReadOnlyDictionary<string, string> _settings;

    private PortalHost(string name, Action<IServiceCollection>? replaceServices, IReadOnlyDictionary<string, string>? settings)
    {
        Name = name;
        _replaceServices = replaceServices;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="settings">Configuration over the defaults below, such as another database provider and Redis.</param>
    public static async Task<PortalHost> StartAsync(string name, IReadOnlyList<Organization> organizations, Action<IServiceCollection>? replaceServices = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new PortalHost(name, replaceServices, settings);
        try
        {
            host.StartServer();
            var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
            await host.SeedAsync(organizations);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The configuration of a benchmarked portal on <paramref name="dataDirectory"/>, hosted here or run as a process.</summary>
    public static IReadOnlyDictionary<string, string> Settings(string dataDirectory) => new Dictionary<string, string>
    {
        ["Portal:PlatformDomain"] = PlatformDomain,
        ["Portal:DataDirectory"] = dataDirectory,
        ["Portal:PublicScheme"] = "http",
        // The outbox poller would query every second; a long interval keeps its queries out of the DB count.
        ["Mail:PollInterval"] = "01:00:00",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        // Expected in a throw-away host (keys in a temp database, no wwwroot of its own): not worth a warning each run.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings(_dataDirectory)) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_replaceServices is not null) builder.ConfigureTestServices(_replaceServices);
    }

    /// <summary>
    /// Organizations are global entities, so no tenant context is needed. Change tracking 10,000
    /// of them (and their owned branding) takes seconds on a busy machine, so the rows go in as one
    /// prepared INSERT in one transaction, with table, columns and parameter types from the EF model.
    /// </summary>
    private async Task SeedAsync(IReadOnlyList<Organization> organizations)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var organization = db.Model.FindEntityType(typeof(Organization))!;
        var branding = organization.FindNavigation(nameof(Organization.Branding))!.TargetEntityType;
        var columns = organization.GetProperties().Select(p => (Property: p, Of: (Func<Organization, object>)(o => o)))
            .Concat(branding.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => (Property: p, Of: (Func<Organization, object>)(o => o.Branding))))
            .ToList();
        var table = StoreObjectIdentifier.Table(organization.GetTableName()!, organization.GetSchema());

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = transaction.GetDbTransaction();
        insert.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        foreach (var row in organizations)
        {
            insert.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var (property, of) = columns[i];
                var value = property.PropertyInfo!.GetValue(of(row));
                insert.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(insert, $"@p{i}", value, property.IsNullable));
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>A browser-like client for one organization's host: cookies kept (in <paramref name="cookies"/> when given), redirects not followed, every name connecting to this portal's loopback port.</summary>
    public HttpClient ClientFor(string host, CookieContainer? cookies = null) => ClientFor(BaseAddress, host, cookies);

    /// <summary>The same for a portal listening at <paramref name="address"/> (an instance process).</summary>
    public static HttpClient ClientFor(Uri address, string host, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, address.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://{host}/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>A client of <paramref name="host"/> signed in as <paramref name="email"/> through the sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string host, string email, string password, CookieContainer? cookies = null)
    {
        var client = ClientFor(host, cookies);
        var response = await PostFormAsync(client, "/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {email} on {host} answered {(int)response.StatusCode}.");
        return client;
    }

    /// <summary>Loads <paramref name="path"/> and posts <paramref name="fields"/> with its antiforgery token, to <paramref name="action"/> or back to the page.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page) ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
        return await client.PostAsync(action ?? path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The first antiforgery token of a page, or null.</summary>
    public static string? AntiforgeryToken(string page) => AntiforgeryTokens(page).FirstOrDefault();

    /// <summary>Every antiforgery token of a page (one per form), in order.</summary>
    public static IReadOnlyList<string> AntiforgeryTokens(string page) => Token().Matches(page).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
    }
}
