using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Data;

// `dotnet ef migrations add` builds the model here without starting the host.
// The module list must match Program.cs so migrations cover every module's tables.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design-time.db").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=design-time;Database=PartnerPortal;Trusted_Connection=True").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args)
    {
        PostgreSqlPortalDbContext.UseUtcDateTimesWithoutKind();
        return new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=design-time;Database=portal").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));
    }
}
