using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Data;

/// <summary>The SQLite flavour of the model, with its own migrations (Migrations/Sqlite).</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options, ITenantContext tenants, InstalledModules modules)
    : PortalDbContext(options, tenants, modules);

/// <summary>The SQL Server flavour of the model, with its own migrations (Migrations/SqlServer).</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options, ITenantContext tenants, InstalledModules modules)
    : PortalDbContext(options, tenants, modules);

/// <summary>The PostgreSQL flavour of the model, with its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options, ITenantContext tenants, InstalledModules modules)
    : PortalDbContext(options, tenants, modules)
{
    /// <summary>
    /// The portal stores UTC instants as <see cref="DateTime"/> without a kind, as SQLite and SQL
    /// Server keep them (datetime2). Npgsql's legacy timestamp mapping (timestamp without time zone,
    /// any kind written as is) keeps the three providers reading and writing the same values; the
    /// modern mapping would refuse every DateTime read back from another provider or built by a test.
    /// Set before Npgsql's type mapping is first built, which happens after this class is first touched.
    /// </summary>
    public static void UseUtcDateTimesWithoutKind() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
}
