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
/// One portal instance on a real loopback port, with its own fresh SQLite folder. Not Development
/// (no demo data, no developer pages) and logging at Warning, so the console stays out of the numbers.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    public const string PlatformDomain = "portal.test";
    public const string EnvironmentName = "Benchmark";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _replaceServices;

    private PortalHost(string name, Action<IServiceCollection>? replaceServices)
    {
        Name = name;
        _replaceServices = replaceServices;
        UseKestrel(0);
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<PortalHost> StartAsync(string name, IReadOnlyList<Organization> organizations, Action<IServiceCollection>? replaceServices = null)
    {
        var host = new PortalHost(name, replaceServices);
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Portal:PlatformDomain", PlatformDomain);
        builder.UseSetting("Portal:DataDirectory", _dataDirectory);
        builder.UseSetting("Portal:PublicScheme", "http");
        // The outbox poller would query every second; a long interval keeps its queries out of the DB count.
        builder.UseSetting("Mail:PollInterval", "01:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        // Expected in a throw-away host (keys in a temp database, no wwwroot of its own): not worth a warning each run.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.StaticFiles", "Error");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
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
