using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Data;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Seeds many records fast with the module's own <see cref="RecordStore"/> and <see cref="TrackedInserts"/>
/// (the import's writer), so the records, index rows, tokens and counter are exactly what the app writes.
/// </summary>
public static class BulkRecords
{
    private const int Chunk = 2_000;

    public static async Task AddAsync(PortalDbContext db, RecordStore store, Solution solution, SolutionDefinition definition, TableDefinition table, int count, Func<int, JsonObject> row)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (var inserts = new TrackedInserts(db, transaction.GetDbTransaction()))
        {
            for (var start = 0; start < count; start += Chunk)
            {
                await store.AddAsync(solution, definition, table, Enumerable.Range(start, Math.Min(Chunk, count - start)).Select(row).ToList(), CancellationToken.None, inserts);
                await inserts.FlushAsync(CancellationToken.None);
            }
        }

        await transaction.CommitAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }
}
