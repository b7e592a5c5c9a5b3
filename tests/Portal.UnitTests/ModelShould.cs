using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web;
using PartnerPortal.Web.Data;

namespace PartnerPortal.UnitTests;

/// <summary>Rules over the whole EF model, for every installed module, on both providers.</summary>
public sealed class ModelShould
{
    private static SqlitePortalDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));

    private static SqlServerPortalDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=unused;Database=unused;Trusted_Connection=True").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));

    private static PostgreSqlPortalDbContext PostgreSql()
    {
        PostgreSqlPortalDbContext.UseUtcDateTimesWithoutKind();
        return new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=unused;Database=unused").Options,
            new TenantContext(), new InstalledModules(PortalModuleList.Create()));
    }

    /// <summary>
    /// Every type shared by all organizations, and why. Anything owned by one organization (or joining
    /// two) is tenant-owned instead; a new global type needs a reason here, and there are ten at most.
    /// </summary>
    private static readonly Dictionary<Type, string> GlobalTypes = new()
    {
        [typeof(PortalUser)] = "one identity per e-mail address on every host; what it may do comes from memberships",
        [typeof(PortalUserClaim)] = "part of the global user (ASP.NET Core Identity)",
        [typeof(PortalUserToken)] = "part of the global user (ASP.NET Core Identity)",
        [typeof(Organization)] = "the tenants themselves: a host is resolved to one before any tenant is known",
        [typeof(OrganizationDomain)] = "resolved before a tenant is known, and a domain belongs to one organization on the whole platform",
        [typeof(Plan)] = "the platform's price list, the same for every organization",
        [typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)] = "the keys that protect every host's cookies, shared by every instance (A4); the package's type, so it cannot say IGlobalEntity itself",
        [typeof(JobLease)] = "one lease per background job, whichever organizations it works for",
        [typeof(PartnerClientLink)] = "the relationship itself: read from both sides to check every cross-tenant access",
        [typeof(PlatformSetting)] = "the operator's own settings (a module's default per organization kind, a module's policy): they belong to no organization; an organization's own choices are tenant-owned",
    };

    /// <summary>Unique indexes of tenant-owned entities that are unique on the whole platform by design, and why.</summary>
    private static readonly Dictionary<string, string> PlatformWideUniqueIndexes = new()
    {
        ["ResellerProfile(PartnerCode)"] = "a partner code names one reseller to every account (R3); generated, never chosen, so a clash tells no tenant anything",
    };

    [Fact]
    public void KeepGlobalOnlyTheListedTypesEachWithAReason()
    {
        using var db = Sqlite();
        var global = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !e.ClrType.IsAssignableTo(typeof(ITenantOwned)))
            .Select(e => e.ClrType)
            .ToHashSet();

        var unlisted = global.Where(t => !GlobalTypes.ContainsKey(t)).Select(t => $"{t.Name} is global: make it ITenantOwned, or list it here with the reason").ToList();
        var stale = GlobalTypes.Keys.Where(t => !global.Contains(t)).Select(t => $"{t.Name} is listed as global but is not a global entity of the model").ToList();
        Assert.Empty(unlisted);
        Assert.Empty(stale);
        Assert.InRange(GlobalTypes.Count, 1, 10);
        Assert.All(GlobalTypes.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Fact]
    public void DeclareEveryEntityTenantOwnedOrGlobal()
    {
        using var db = Sqlite();
        var undeclared = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned())
            .Where(e => !e.ClrType.IsAssignableTo(typeof(ITenantOwned)) && !e.ClrType.IsAssignableTo(typeof(IGlobalEntity)) && !GlobalTypes.ContainsKey(e.ClrType))
            .Select(e => e.ClrType.Name)
            .ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void FilterEveryTenantOwnedEntityByName()
    {
        using var db = Sqlite();
        var unfiltered = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.IsAssignableTo(typeof(ITenantOwned)) && e.BaseType is null)
            .Where(e => e.FindDeclaredQueryFilter(PortalDbContext.TenantFilter) is null)
            .Select(e => e.ClrType.Name)
            .ToList();
        Assert.Empty(unfiltered);
    }

    [Fact]
    public void IncludeTheTenantInEveryUniqueIndexOfTenantOwnedEntities()
    {
        using var db = Sqlite();
        var offending = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.IsAssignableTo(typeof(ITenantOwned)))
            .SelectMany(e => e.GetIndexes().Where(i => i.IsUnique && i.Properties.All(p => p.Name != nameof(ITenantOwned.TenantId)))
                .Select(i => $"{e.ClrType.Name}({string.Join(", ", i.Properties.Select(p => p.Name))})"))
            .ToList();
        var unexplained = offending.Where(index => !PlatformWideUniqueIndexes.ContainsKey(index)).ToList();
        var stale = PlatformWideUniqueIndexes.Keys.Except(offending).ToList();
        Assert.Empty(unexplained);
        Assert.Empty(stale);
    }

    [Fact]
    public void HaveNoSqliteModelChangesWithoutAMigration()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model changed: run `dotnet ef migrations add <Name> --context SqlitePortalDbContext --output-dir Migrations/Sqlite` in src/Portal/Portal.Web.");
    }

    [Fact]
    public void HaveNoSqlServerModelChangesWithoutAMigration()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model changed: run `dotnet ef migrations add <Name> --context SqlServerPortalDbContext --output-dir Migrations/SqlServer` in src/Portal/Portal.Web.");
    }

    [Fact]
    public void HaveNoPostgreSqlModelChangesWithoutAMigration()
    {
        using var db = PostgreSql();
        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model changed: run `dotnet ef migrations add <Name> --context PostgreSqlPortalDbContext --output-dir Migrations/PostgreSql` in src/Portal/Portal.Web.");
    }

    /// <summary>
    /// An upgrade must never half-apply: EF runs each migration in a transaction except the commands
    /// it marks as transaction-suppressed (on SQLite, a table rebuild's PRAGMA foreign_keys), which
    /// run and stay whatever fails after them. Every upgrade step of every provider is generated here
    /// exactly as the migrator would, and none may be such a command.
    /// </summary>
    [Fact]
    public void RunEveryMigrationInsideATransaction()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        using var postgreSql = PostgreSql();
        var outside = new List<string>();
        foreach (DbContext db in new DbContext[] { sqlite, sqlServer, postgreSql })
        {
            var migrations = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>();
            var generator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator>();
            var initializer = db.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IModelRuntimeInitializer>();
            foreach (var (id, type) in migrations.Migrations)
            {
                var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
                var target = migration.TargetModel is { } model ? initializer.Initialize(model) : null;
                outside.AddRange(generator.Generate(migration.UpOperations, target)
                    .Where(c => c.TransactionSuppressed)
                    .Select(c => $"{db.GetType().Name} {id}: {c.CommandText.Trim()}"));
            }

            Assert.NotEmpty(migrations.Migrations);
        }

        Assert.True(outside.Count == 0, "These migration commands run outside a transaction:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void HaveNoMultipleCascadePathsForSqlServer()
    {
        using var db = SqlServer();
        var cascades = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior == DeleteBehavior.Cascade && !fk.IsOwnership) // owned types share their owner's row
            .Select(fk => (Principal: Table(fk.PrincipalEntityType), Dependent: Table(fk.DeclaringEntityType)))
            .Where(edge => edge.Principal is not null && edge.Dependent is not null)
            .ToList();

        var problems = new List<string>();
        foreach (var root in cascades.Select(c => c.Principal!).Distinct())
        {
            // Count the distinct cascade paths from root to every table; SQL Server allows one at most.
            var paths = new Dictionary<string, int>();
            void Walk(string table, HashSet<string> onPath)
            {
                foreach (var edge in cascades.Where(c => c.Principal == table))
                {
                    if (onPath.Contains(edge.Dependent!))
                    {
                        problems.Add($"cascade cycle through {edge.Dependent}");
                        continue;
                    }

                    paths[edge.Dependent!] = paths.GetValueOrDefault(edge.Dependent!) + 1;
                    onPath.Add(edge.Dependent!);
                    Walk(edge.Dependent!, onPath);
                    onPath.Remove(edge.Dependent!);
                }
            }

            Walk(root, [root]);
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{p.Value} cascade paths from {root} to {p.Key}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void KeepSqlServerIndexKeysWithinTheLimit()
    {
        using var db = SqlServer();
        var problems = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            foreach (var index in entity.GetIndexes())
            {
                var bytes = 0;
                foreach (var property in index.Properties)
                {
                    var columnType = property.GetColumnType().ToLowerInvariant();
                    if (columnType.Contains("max")) problems.Add($"{entity.ClrType.Name}.{property.Name} is {columnType} and cannot be an index key");
                    bytes += columnType switch
                    {
                        _ when columnType.StartsWith("nvarchar(") && !columnType.Contains("max") => 2 * int.Parse(columnType[9..^1]),
                        _ when columnType.StartsWith("varchar(") && !columnType.Contains("max") => int.Parse(columnType[8..^1]),
                        "uniqueidentifier" => 16,
                        "bigint" or "datetime2" => 8,
                        _ => 4,
                    };
                }

                if (bytes > 1700) problems.Add($"{entity.ClrType.Name} index ({string.Join(", ", index.Properties.Select(p => p.Name))}) is {bytes} bytes, over 1700");
            }
        }

        Assert.Empty(problems);
    }

    private static string? Table(IEntityType entity) => entity.GetTableName();
}
