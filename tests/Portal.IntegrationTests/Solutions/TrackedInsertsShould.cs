using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// The import's writer (issue 13): rows written by <see cref="TrackedInserts"/> (on SQLite through
/// statements bound by position, past Microsoft.Data.Sqlite) are stored exactly as EF Core's
/// SaveChanges stores the same rows: the same storage types, the same text for ids, dates, flags,
/// empty and non-ASCII strings, the same nulls.
/// </summary>
public sealed class TrackedInsertsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private static readonly DateTime NotDue = new(2999, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    [Fact]
    public async Task StoreRowsExactlyAsSaveChangesDoes()
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var viaInserts = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var viaSaveChanges = await SolutionWorld.CreateSolutionAsync(Factory, org);

        var written = Rows(viaInserts);
        await World.InTenantAsync(org, async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using (var inserts = new TrackedInserts(db, transaction.GetDbTransaction()))
            {
                foreach (var row in written) inserts.Add(row);
                await inserts.FlushAsync(CancellationToken.None);
            }

            await transaction.CommitAsync();
            return 0;
        });
        await World.InTenantAsync(org, db =>
        {
            db.AddRange(Rows(viaSaveChanges));
            return db.SaveChangesAsync();
        });

        foreach (var table in new[] { "Solutions_Records", "Solutions_RecordValues", "Solutions_RecordTokens", "Solutions_RuleRuns" })
        {
            var stored = await StoredAsync(org, table, viaInserts);
            Assert.NotEmpty(stored);
            // As text, so a failure shows the first column that differs.
            Assert.Equal(string.Join('\n', await StoredAsync(org, table, viaSaveChanges)), string.Join('\n', stored));
        }

        // EF finds the records by the ids it would write itself.
        var ids = written.OfType<SolutionRecord>().Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, await World.InTenantAsync(org, db => db.Set<SolutionRecord>().CountAsync(r => ids.Contains(r.Id))));
    }

    /// <summary>Rows of every kind an import writes, with the values whose storage could differ.</summary>
    private static List<object> Rows(Guid solution)
    {
        var first = new SolutionRecord
        {
            SolutionId = solution, TableKey = "patients", ValuesJson = """{"name":"Zoë 😀 naïve"}""", Tags = "|vip|",
            CreatedAt = new DateTime(2026, 11, 27, 23, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567), UpdatedAt = new DateTime(2026, 11, 27, 23, 5, 0, DateTimeKind.Utc),
        };
        var second = new SolutionRecord { SolutionId = solution, TableKey = "patients", ValuesJson = "{}", CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc), UpdatedAt = DateTime.MinValue };
        return
        [
            first,
            second,
            new RecordValue { SolutionId = solution, TableKey = "patients", FieldKey = RecordStore.CreatedField, RecordId = first.Id, SortKey = "20261127230000\u0001first", HasValue = true },
            new RecordValue { SolutionId = solution, TableKey = "patients", FieldKey = "name", RecordId = first.Id, SortKey = "zoë 😀 naïve\u0001first", HasValue = true },
            // An empty string is text, not NULL (a zero-length span reaches SQLite as a null pointer).
            new RecordValue { SolutionId = solution, TableKey = "patients", FieldKey = "name", RecordId = second.Id, SortKey = string.Empty, HasValue = false },
            new RecordToken { SolutionId = solution, TableKey = "patients", Token = "zoë", RecordId = first.Id },
            new RecordToken { SolutionId = solution, TableKey = "patients", Token = "naïve", RecordId = first.Id },
            // Due long after the test, so the host's rule runner leaves them as they were written.
            new RuleRun { SolutionId = solution, RecordId = first.Id, RuleKey = "welcome", CreatedAt = first.CreatedAt, DueAt = NotDue },
            new RuleRun { SolutionId = solution, RecordId = second.Id, RuleKey = "reminder", CreatedAt = second.CreatedAt, DueAt = NotDue.AddTicks(1), Attempts = 2, ClaimedBy = "instance", ClaimedUntil = second.CreatedAt.AddMinutes(1), Error = "" },
        ];
    }

    /// <summary>
    /// Each stored row of the solution as "column=storage type:value", ids left out (they differ by
    /// design) but the record a row belongs to named by its values: the join and the solution filter
    /// only match when ids are stored in the text the provider itself binds.
    /// </summary>
    private Task<List<string>> StoredAsync(TestOrganization org, string table, Guid solution) => World.InTenantAsync(org, async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = table == "Solutions_Records"
            ? """SELECT * FROM "Solutions_Records" WHERE "SolutionId" = @solution"""
            : $"""SELECT t.*, r."ValuesJson" AS "Record" FROM "{table}" t JOIN "Solutions_Records" r ON r."Id" = t."RecordId" WHERE t."SolutionId" = @solution""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@solution";
        parameter.Value = solution;
        command.Parameters.Add(parameter);
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var cells = Enumerable.Range(0, reader.FieldCount)
                .Where(c => reader.GetName(c) is not ("Id" or "SolutionId" or "RecordId"))
                .Select(c => $"{reader.GetName(c)}={reader.GetValue(c).GetType().Name}:{reader.GetValue(c)}");
            rows.Add(string.Join(" | ", cells));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    });
}
