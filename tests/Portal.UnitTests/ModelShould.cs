using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PartnerPortal.Data;
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

    /// <summary>Global types from packages, which cannot implement <see cref="IGlobalEntity"/>, each with the reason it is global.</summary>
    private static readonly Dictionary<Type, string> ListedGlobals = new()
    {
        [typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)] = "the data-protection key ring: every instance reads every tenant's cookies with it (A4)",
    };

    [Fact]
    public void DeclareEveryEntityTenantOwnedOrGlobal()
    {
        using var db = Sqlite();
        var undeclared = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned())
            .Where(e => !e.ClrType.IsAssignableTo(typeof(ITenantOwned)) && !e.ClrType.IsAssignableTo(typeof(IGlobalEntity)) && !ListedGlobals.ContainsKey(e.ClrType))
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
        Assert.Empty(offending);
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
