using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Records;

/// <summary>A page of records and the cursor of the next one (keyset paging: deep pages cost what the first does).</summary>
public sealed record RecordPage(IReadOnlyList<(SolutionRecord Record, JsonObject Values)> Rows, string? Next);

/// <summary>What a list shows: search, sort, filters, a client tag (C12) and the page after <see cref="After"/>.</summary>
public sealed record RecordListRequest(string? Search, string? SortField, bool Descending, IReadOnlyList<ViewFilter> Filters, string? After, int PageSize = 50, string? Tag = null);

/// <summary>
/// Lists a table's records through the index rows: the sort field's <see cref="RecordValue"/> range
/// in key order, narrowed by EXISTS on the filter fields and the search tokens, and by the viewer's
/// client tag (<see cref="RecordScope"/>): every list, count, export and single record comes through here.
/// </summary>
public sealed class RecordQuery(PortalDbContext db, RecordScope scope)
{
    public const int DrivingLimit = 1000;

    public async Task<RecordPage> ListAsync(Guid solutionId, TableDefinition table, RecordListRequest request, CancellationToken cancellationToken)
    {
        var (query, descending) = await MatchingAsync(solutionId, table, request, cancellationToken);
        if (!string.IsNullOrEmpty(request.After))
        {
            var after = request.After;
            query = descending ? query.Where(v => string.Compare(v.SortKey, after) < 0) : query.Where(v => string.Compare(v.SortKey, after) > 0);
        }

        query = descending ? query.OrderByDescending(v => v.SortKey) : query.OrderBy(v => v.SortKey);
        var size = Math.Clamp(request.PageSize, 1, 200);
        var keys = await query.Select(v => new { v.RecordId, v.SortKey }).Take(size + 1).ToListAsync(cancellationToken);
        var ids = keys.Take(size).Select(k => k.RecordId).ToList();
        var records = await db.Set<SolutionRecord>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var rows = ids.Where(records.ContainsKey).Select(id => (records[id], JsonNode.Parse(records[id].ValuesJson) as JsonObject ?? [])).ToList();
        return new RecordPage(rows, keys.Count > size ? keys[size - 1].SortKey : null);
    }

    /// <summary>One record of the table, or null when it is not there or not the viewer's to see (a forged id of another client's record).</summary>
    public async Task<SolutionRecord?> FindAsync(Guid solutionId, string tableKey, Guid recordId, CancellationToken cancellationToken) =>
        await (await scope.RecordsAsync(solutionId, cancellationToken)).FirstOrDefaultAsync(r => r.Id == recordId && r.TableKey == tableKey, cancellationToken);

    /// <summary>Whether a record of the table exists that the viewer may see (a link field may name only such a record).</summary>
    public async Task<bool> ExistsAsync(Guid solutionId, string tableKey, Guid recordId, CancellationToken cancellationToken) =>
        await (await scope.RecordsAsync(solutionId, cancellationToken)).AnyAsync(r => r.Id == recordId && r.TableKey == tableKey, cancellationToken);

    /// <summary>How many records the list would show over all its pages (an export's length).</summary>
    public async Task<int> CountAsync(Guid solutionId, TableDefinition table, RecordListRequest request, CancellationToken cancellationToken) =>
        await (await MatchingAsync(solutionId, table, request, cancellationToken)).Query.CountAsync(cancellationToken);

    /// <summary>The sort field's index rows of every matching record, unordered, and whether the list runs newest (highest) first.</summary>
    private async Task<(IQueryable<RecordValue> Query, bool Descending)> MatchingAsync(Guid solutionId, TableDefinition table, RecordListRequest request, CancellationToken cancellationToken)
    {
        var sortField = request.SortField is not null && table.Field(request.SortField) is not null ? request.SortField : RecordStore.CreatedField;
        var descending = request.SortField is null && request.Descending is false ? true : request.Descending; // newest first by default
        var values = db.Set<RecordValue>().AsNoTracking();
        var terms = RecordStore.Tokens(request.Search ?? string.Empty).Distinct().Take(5).ToList();

        // A rare word drives the search: its records come from the token index and only they are sorted.
        var (driver, driven) = terms.Count > 0 ? await RarestTermAsync(solutionId, table.Key, terms, cancellationToken) : (null, null);
        var query = driven is not null
            ? values.Where(v => v.FieldKey == sortField && driven.Contains(v.RecordId))
            : values.Where(v => v.SolutionId == solutionId && v.TableKey == table.Key && v.FieldKey == sortField);
        terms.Remove(driver ?? string.Empty);

        foreach (var filter in request.Filters)
        {
            if (table.Field(filter.Field) is not { } field) continue;
            var key = filter.Field;
            switch (filter.Op)
            {
                case FilterOperator.IsEmpty:
                    query = query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && !f.HasValue));
                    break;
                case FilterOperator.IsNotEmpty:
                    query = query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && f.HasValue));
                    break;
                case FilterOperator.Contains when field.Type is not (FieldType.Number or FieldType.Money or FieldType.Checkbox):
                    // Only the text part of the key: its record-id suffix would match letters a–f and digits.
                    var part = (filter.Value ?? string.Empty).Trim().ToLowerInvariant();
                    query = query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && f.HasValue && f.SortKey.Substring(0, f.SortKey.Length - RecordStore.SortKeySuffixLength).Contains(part)));
                    break;
                default:
                    if (!FieldValues.TryParse(Optional(field), filter.Value, out var parsed, out _) || parsed is null) continue;
                    var sortKey = FieldValues.SortKey(field, parsed);
                    var low = sortKey + "\u0001";
                    var high = sortKey + "\u0002";
                    query = filter.Op switch
                    {
                        // "Contains" on a number, an amount or a checkbox means the value itself.
                        FilterOperator.Equals or FilterOperator.Contains => query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && f.HasValue && string.Compare(f.SortKey, low) > 0 && string.Compare(f.SortKey, high) < 0)),
                        FilterOperator.GreaterThan => query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && f.HasValue && string.Compare(f.SortKey, high) > 0)),
                        _ => query.Where(v => values.Any(f => f.RecordId == v.RecordId && f.FieldKey == key && f.HasValue && string.Compare(f.SortKey, low) < 0)),
                    };
                    break;
            }
        }

        foreach (var term in terms)
        {
            var high = term + char.MaxValue;
            var tokens = db.Set<RecordToken>().AsNoTracking();
            query = query.Where(v => tokens.Any(t => t.RecordId == v.RecordId && string.Compare(t.Token, term) >= 0 && string.Compare(t.Token, high) < 0));
        }

        // The list's tag bar and the viewer's own limit (C12) are the same test: one substring on the record's row, in this organization only (tenant filter).
        foreach (var tag in new[] { request.Tag, await scope.ClientTagAsync(solutionId, cancellationToken) }.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            var tagged = db.Set<SolutionRecord>().AsNoTracking().Where(RecordScope.HasTag(tag!));
            query = query.Where(v => tagged.Any(r => r.Id == v.RecordId));
        }

        return (query, descending);
    }

    /// <summary>
    /// The search word matching the fewest records, with their ids, when one matches at most
    /// <see cref="DrivingLimit"/>; otherwise null, and the list walks the sort order checking each
    /// record's words (common words match early, so that walk ends soon).
    /// </summary>
    private async Task<(string? Term, List<Guid>? Ids)> RarestTermAsync(Guid solutionId, string tableKey, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        (string? Term, List<Guid>? Ids) best = (null, null);
        foreach (var term in terms)
        {
            var high = term + char.MaxValue;
            var ids = await db.Set<RecordToken>().AsNoTracking()
                .Where(t => t.SolutionId == solutionId && t.TableKey == tableKey && string.Compare(t.Token, term) >= 0 && string.Compare(t.Token, high) < 0)
                .Select(t => t.RecordId).Distinct().OrderBy(id => id).Take(DrivingLimit + 1).ToListAsync(cancellationToken);
            if (ids.Count <= DrivingLimit && (best.Ids is null || ids.Count < best.Ids.Count)) best = (term, ids);
        }

        return best;
    }

    /// <summary>A filter value is parsed like input, but an empty filter is no reason to complain that the field is required.</summary>
    private static FieldDefinition Optional(FieldDefinition field) =>
        new() { Key = field.Key, Name = field.Name, Type = field.Type, Options = field.Options, Currency = field.Currency, Table = field.Table };
}
