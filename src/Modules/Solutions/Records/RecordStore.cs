using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Writes records with their index rows, search tokens, the organization's record counter and the
/// automation runs they trigger, in the caller's transaction: a record never exists without them.
/// A record written for a person limited to one client tag (<see cref="RecordScope"/>) carries that tag.
/// </summary>
public sealed class RecordStore(PortalDbContext db, RecordScope scope, TimeProvider time)
{
    public const string CreatedField = "_created";

    /// <summary>Every sort key ends with U+0001 and the record id as 32 hex digits (unique keys, so keyset paging never skips).</summary>
    public const int SortKeySuffixLength = 33;

    /// <summary>
    /// Adds records; the caller saves (and wraps several calls in one transaction). With
    /// <paramref name="inserts"/> the rows go to its prepared INSERTs instead of the change tracker
    /// (an import of 100,000 records), which the caller flushes.
    /// </summary>
    public async Task<IReadOnlyList<SolutionRecord>> AddAsync(Solution solution, SolutionDefinition definition, TableDefinition table, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken, TrackedInserts? inserts = null)
    {
        Action<object> add = inserts is null ? Track : inserts.Add;
        var now = time.GetUtcNow().UtcDateTime;
        var records = new List<SolutionRecord>(rows.Count);
        // A limited person's records, typed or imported, are theirs from the start (C12).
        var tags = await scope.KeepAsync(solution, "|", "|", cancellationToken);
        foreach (var values in rows)
        {
            var record = new SolutionRecord { SolutionId = solution.Id, TableKey = table.Key, ValuesJson = values.ToJsonString(), Tags = tags, CreatedAt = now, UpdatedAt = now };
            add(record);
            AddIndexRows(add, record, table, values, created: true);
            QueueRules(add, solution, definition, table, record, values, null, RuleTrigger.Created, now);
            records.Add(record);
        }

        await AdjustCounterAsync(rows.Count, cancellationToken);
        return records;
    }

    public async Task UpdateAsync(Solution solution, SolutionDefinition definition, TableDefinition table, SolutionRecord record, JsonObject values, CancellationToken cancellationToken)
    {
        var before = JsonNode.Parse(record.ValuesJson) as JsonObject ?? [];
        var now = time.GetUtcNow().UtcDateTime;
        record.ValuesJson = values.ToJsonString();
        record.UpdatedAt = now;
        await db.Set<RecordValue>().Where(v => v.RecordId == record.Id && v.FieldKey != CreatedField).ExecuteDeleteAsync(cancellationToken);
        await db.Set<RecordToken>().Where(t => t.RecordId == record.Id).ExecuteDeleteAsync(cancellationToken);
        AddIndexRows(Track, record, table, values, created: false);
        QueueRules(Track, solution, definition, table, record, values, before, RuleTrigger.Changed, now);
    }

    /// <summary>Sets a record's client tags; a limited person's own tag stays on it whatever the form sent.</summary>
    public async Task TagAsync(Solution solution, SolutionRecord record, string tags, CancellationToken cancellationToken) =>
        record.Tags = await scope.KeepAsync(solution, tags, record.Tags, cancellationToken);

    public async Task DeleteAsync(SolutionRecord record, CancellationToken cancellationToken)
    {
        await db.Set<RecordValue>().Where(v => v.RecordId == record.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<RecordToken>().Where(t => t.RecordId == record.Id).ExecuteDeleteAsync(cancellationToken);
        db.Remove(record);
        await AdjustCounterAsync(-1, cancellationToken);
    }

    /// <summary>
    /// Puts a deleted record back (Undo) with its id, values and creation time, so links to it work
    /// again; no rules run, as nothing new was created. The caller checks the plan limit and saves.
    /// False, and nothing written, when the record was not the viewer's to see (another client's, C12).
    /// </summary>
    public async Task<bool> RestoreAsync(Solution solution, TableDefinition table, Guid recordId, string valuesJson, DateTime createdAt, string tags, CancellationToken cancellationToken)
    {
        if (!await scope.MaySeeAsync(solution.Id, tags, cancellationToken)) return false;
        var values = JsonNode.Parse(valuesJson) as JsonObject ?? [];
        var record = new SolutionRecord { Id = recordId, SolutionId = solution.Id, TableKey = table.Key, ValuesJson = values.ToJsonString(), Tags = tags, CreatedAt = createdAt, UpdatedAt = time.GetUtcNow().UtcDateTime };
        db.Add(record);
        AddIndexRows(Track, record, table, values, created: true);
        await AdjustCounterAsync(1, cancellationToken);
        return true;
    }

    /// <summary>Rewrites a field's value in place (a "set a field" rule); no rules run on the result, so rules cannot loop.</summary>
    public async Task SetFieldAsync(TableDefinition table, SolutionRecord record, FieldDefinition field, JsonNode? value, CancellationToken cancellationToken)
    {
        var values = JsonNode.Parse(record.ValuesJson) as JsonObject ?? [];
        values[field.Key] = value?.DeepClone();
        await RewriteAsync(table, record, values, cancellationToken);
    }

    /// <summary>Stores new values and their index rows without running rules (a rule's set-field, an applied recipe update).</summary>
    public async Task RewriteAsync(TableDefinition table, SolutionRecord record, JsonObject values, CancellationToken cancellationToken)
    {
        record.ValuesJson = values.ToJsonString();
        record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.Set<RecordValue>().Where(v => v.RecordId == record.Id && v.FieldKey != CreatedField).ExecuteDeleteAsync(cancellationToken);
        await db.Set<RecordToken>().Where(t => t.RecordId == record.Id).ExecuteDeleteAsync(cancellationToken);
        AddIndexRows(Track, record, table, values, created: false);
    }

    /// <summary>Keeps the per-organization count with a relative update, so concurrent writers do not lose counts.</summary>
    private async Task AdjustCounterAsync(int delta, CancellationToken cancellationToken)
    {
        if (delta == 0) return;
        var updated = await db.Set<RecordCounter>().ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + delta), cancellationToken);
        if (updated == 0)
        {
            var pending = db.ChangeTracker.Entries<RecordCounter>().FirstOrDefault(e => e.State == EntityState.Added)?.Entity;
            if (pending is not null) pending.Count += delta;
            else db.Add(new RecordCounter { Count = Math.Max(0, delta) });
        }
    }

    private void Track(object entity) => db.Add(entity);

    private static void AddIndexRows(Action<object> add, SolutionRecord record, TableDefinition table, JsonObject values, bool created)
    {
        var suffix = "\u0001" + record.Id.ToString("N");
        if (created)
        {
            add(new RecordValue { SolutionId = record.SolutionId, TableKey = table.Key, FieldKey = CreatedField, RecordId = record.Id, SortKey = record.CreatedAt.ToString("yyyyMMddHHmmssfffffff", Invariant.Culture) + suffix, HasValue = true });
        }

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in table.Fields)
        {
            values.TryGetPropertyValue(field.Key, out var value);
            add(new RecordValue { SolutionId = record.SolutionId, TableKey = table.Key, FieldKey = field.Key, RecordId = record.Id, SortKey = FieldValues.SortKey(field, value) + suffix, HasValue = value is not null });
            if (value is not null && field.Type is not FieldType.Link and not FieldType.Checkbox)
            {
                foreach (var token in Tokens(FieldValues.Display(field, value))) tokens.Add(token);
            }
        }

        foreach (var token in tokens.Take(200))
        {
            add(new RecordToken { SolutionId = record.SolutionId, TableKey = table.Key, Token = token, RecordId = record.Id });
        }
    }

    /// <summary>Words as search sees them: lower case, letters and digits, at most 40 characters.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var word = new System.Text.StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length < 40) word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }

    private static void QueueRules(Action<object> add, Solution solution, SolutionDefinition definition, TableDefinition table, SolutionRecord record, JsonObject values, JsonObject? before, RuleTrigger trigger, DateTime now)
    {
        foreach (var rule in definition.Rules.Where(r => r.Table == table.Key && (r.Trigger == trigger || r.Trigger == RuleTrigger.CreatedOrChanged)))
        {
            if (rule.When is { } when)
            {
                var field = table.Field(when.Field);
                values.TryGetPropertyValue(when.Field, out var value);
                if (field is null || !string.Equals(FieldValues.Display(field, value), when.Value, StringComparison.OrdinalIgnoreCase)) continue;
                // "Changed and matches" means it has just come to match, or a booking mail would go out on every edit.
                if (before is not null && before.TryGetPropertyValue(when.Field, out var old) && string.Equals(FieldValues.Display(field, old), when.Value, StringComparison.OrdinalIgnoreCase)) continue;
            }

            add(new RuleRun { SolutionId = solution.Id, RecordId = record.Id, RuleKey = rule.Key, CreatedAt = now, DueAt = now });
        }
    }
}
