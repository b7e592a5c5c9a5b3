using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// Applies pending migrations so that an upgrade cannot half-apply. Each migration runs in its own
/// transaction (ModelShould proves none runs outside one), but several pending migrations commit one
/// by one: on SQLite the file is first copied with <c>VACUUM INTO</c> and put back when any of them
/// fails. A failure stops the start with what failed and how to recover.
/// </summary>
public static partial class DatabaseUpgrade
{
    public static async Task MigrateAsync(PortalDbContext db, TimeProvider time, ILogger logger)
    {
        try
        {
            await UpgradeAsync(db, time, logger);
        }
        catch (DatabaseUpgradeException failed)
        {
            LogFailedStart(logger, failed.Message, failed.InnerException);
            throw;
        }
    }

    private static async Task UpgradeAsync(PortalDbContext db, TimeProvider time, ILogger logger)
    {
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new DatabaseUpgradeException(
                $"The database could not be read ({db.Database.ProviderName}): {exception.GetBaseException().Message}\n" +
                "Nothing was changed. Check Database:Provider and ConnectionStrings:Portal, and that the database server runs and accepts this user, then start again.",
                exception);
        }

        if (pending.Count == 0) return;

        var file = db.Database.IsSqlite() ? SqliteFile(db) : null;
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        string? backup = null;
        if (file is not null && applied.Count > 0)
        {
            backup = $"{file}.before-{pending[0]}-{time.GetUtcNow():yyyyMMddHHmmss}.bak";
            // VACUUM INTO writes a consistent copy even while the WAL holds committed pages.
            await db.Database.ExecuteSqlAsync($"VACUUM INTO {backup}");
            LogBackup(logger, pending.Count, backup);
        }

        var migrator = db.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            try
            {
                await migrator.MigrateAsync(migration);
            }
            catch (Exception exception)
            {
                throw Failed(db, migration, applied.LastOrDefault(), file, backup, exception);
            }
        }
    }

    private static DatabaseUpgradeException Failed(PortalDbContext db, string migration, string? before, string? file, string? backup, Exception exception)
    {
        var what = $"The database upgrade failed at migration {migration}: {exception.GetBaseException().Message}";
        if (file is not null && backup is not null)
        {
            // Every connection to the file must be closed before it is replaced.
            db.Database.CloseConnection();
            SqliteConnection.ClearAllPools();
            File.Copy(backup, file, overwrite: true);
            foreach (var side in new[] { file + "-wal", file + "-shm" }) File.Delete(side);
            return new DatabaseUpgradeException(
                $"{what}\nThe database was put back as it was before the upgrade (from {backup}); nothing of the upgrade remains. " +
                $"Fix the cause named above and start again, or go back to the previous version of the portal. The copy is kept until you delete it.",
                exception);
        }

        return new DatabaseUpgradeException(
            $"{what}\nThat migration ran in one transaction and was rolled back; migrations before it are applied " +
            $"(the database is now at {LastApplied(db) ?? before ?? "no migration"}). Fix the cause named above and start again: the upgrade goes on from there. " +
            "To go back to the previous version of the portal instead, restore the backup taken before the upgrade.",
            exception);
    }

    private static string? LastApplied(PortalDbContext db)
    {
        try
        {
            return db.Database.GetAppliedMigrations().LastOrDefault();
        }
        catch (Exception)
        {
            // The database cannot be read at all: the message above says why.
            return null;
        }
    }

    private static string? SqliteFile(PortalDbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || !File.Exists(source) ? null : Path.GetFullPath(source);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s); the database was copied to {Backup} first.")]
    private static partial void LogBackup(ILogger logger, int count, string backup);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The portal did not start. {Reason}")]
    private static partial void LogFailedStart(ILogger logger, string reason, Exception? exception);
}

/// <summary>The start stopped because the database could not be upgraded; the message says how to recover.</summary>
public sealed class DatabaseUpgradeException(string message, Exception inner) : Exception(message, inner);
