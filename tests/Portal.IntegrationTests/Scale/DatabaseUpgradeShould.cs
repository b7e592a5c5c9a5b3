using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.IntegrationTests.Scale;

/// <summary>
/// An upgrade of several migrations applies all of them or none: on SQLite the file is copied with
/// VACUUM INTO first and put back when one fails, and the start fails saying what and how to recover.
/// </summary>
// SQLite-only by nature (the VACUUM INTO copy is SQLite's; a server's backups are its operator's):
// it runs on SQLite files in either pass, so the PostgreSQL pass leaves it to the SQLite one.
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class DatabaseUpgradeShould : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("portal-upgrade-");

    [Fact]
    public async Task PutTheSqliteFileBackWhenALaterMigrationFails()
    {
        var file = Path.Combine(_data.FullName, "portal.db");
        string[] all;
        string failing;
        await using (var db = Context(file))
        {
            all = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToArray();
            // Two migrations are pending; the last one will fail on a table or column that is in its way.
            await db.GetService<IMigrator>().MigrateAsync(all[^3]);
            failing = all[^1];
            var last = db.GetService<IMigrationsAssembly>().CreateMigration(db.GetService<IMigrationsAssembly>().Migrations[failing], db.Database.ProviderName!);
            // A table or a column the last migration creates, there already: names from the migration, not input.
            var inTheWay = last.UpOperations.Select(operation => operation switch
            {
                CreateTableOperation table => $"CREATE TABLE \"{table.Name}\" (\"InTheWay\" INTEGER)",
                AddColumnOperation column => $"ALTER TABLE \"{column.Table}\" ADD COLUMN \"{column.Name}\" INTEGER",
                _ => null,
            }).First(statement => statement is not null)!;
            await db.Database.ExecuteSqlRawAsync(inTheWay);
        }

        using var factory = new SqliteFactory(_data.FullName);
        var failure = Assert.ThrowsAny<Exception>(() => factory.Services);
        var upgrade = Assert.IsType<DatabaseUpgradeException>(Unwrap(failure));
        Assert.Contains(failing, upgrade.Message);
        Assert.Contains("put back as it was before the upgrade", upgrade.Message);
        Assert.Contains("start again", upgrade.Message);

        // The migration before the failing one had committed; the copy undid it.
        SqliteConnection.ClearAllPools();
        await using (var db = Context(file))
        {
            Assert.Equal(all[..^2], (await db.Database.GetAppliedMigrationsAsync()).ToArray());
        }

        var backup = Assert.Single(_data.GetFiles("portal.db.before-*.bak"));
        Assert.Contains(all[^2], backup.Name);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is DatabaseUpgradeException || exception.InnerException is null ? exception : Unwrap(exception.InnerException);

    private static SqlitePortalDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={file}").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>The portal on a given SQLite data folder, whichever database the suite's pass runs on.</summary>
    private sealed class SqliteFactory(string dataDirectory)
        : PortalFactory(new Dictionary<string, string?> { ["Portal:DataDirectory"] = dataDirectory, ["Database:Provider"] = "Sqlite" });
}
