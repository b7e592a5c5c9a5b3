using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Data;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Seeds many records fast with the module's own <see cref="RecordStore"/> (so the record, its index
/// rows, search tokens and the organization's counter are exactly what the app writes), but writes
/// what it tracked as prepared INSERTs in one transaction: EF's SaveChanges of a million rows takes
/// minutes on two cores, this takes seconds.
/// </summary>
public static class BulkRecords
{
    private const int Chunk = 2_000;

    public static async Task AddAsync(PortalDbContext db, RecordStore store, Solution solution, SolutionDefinition definition, TableDefinition table, int count, Func<int, JsonObject> row)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Seed records inside the organization's tenant context.");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inserts = new Dictionary<IEntityType, (System.Data.Common.DbCommand Command, IReadOnlyList<IProperty> Columns)>();
        for (var start = 0; start < count; start += Chunk)
        {
            var rows = Enumerable.Range(start, Math.Min(Chunk, count - start)).Select(row).ToList();
            await store.AddAsync(solution, definition, table, rows, CancellationToken.None);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity is SolutionRecord ? 0 : 1).ToList())
            {
                if (entry.Entity is ITenantOwned owned && owned.TenantId == Guid.Empty) owned.TenantId = tenant;
                if (!inserts.TryGetValue(entry.Metadata, out var insert))
                {
                    insert = Prepare(db, entry.Metadata, transaction.GetDbTransaction());
                    inserts[entry.Metadata] = insert;
                }

                for (var i = 0; i < insert.Columns.Count; i++)
                {
                    insert.Command.Parameters[i].Value = insert.Columns[i].GetRelationalTypeMapping().Converter is { } converter
                        ? converter.ConvertToProvider(entry.CurrentValues[insert.Columns[i]]) ?? DBNull.Value
                        : entry.CurrentValues[insert.Columns[i]] ?? DBNull.Value;
                }

                await insert.Command.ExecuteNonQueryAsync();
            }

            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync();
        foreach (var (command, _) in inserts.Values) await command.DisposeAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    /// <summary>One INSERT per entity type with the columns of the EF model; keys the database generates are left to it.</summary>
    private static (System.Data.Common.DbCommand, IReadOnlyList<IProperty>) Prepare(PortalDbContext db, IEntityType type, System.Data.Common.DbTransaction transaction)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))).ToList();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(columns[i].GetRelationalTypeMapping().CreateParameter(command, $"@p{i}", null, nullable: true));
        }

        command.Prepare();
        return (command, columns);
    }
}
