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
