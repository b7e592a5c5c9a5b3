using System.Text.Json;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.Solutions.Recipes;

/// <summary>One thing an update changes: a table, a field, a view or a rule the recipe added, changed or removed.</summary>
/// <param name="Key">Stable name of the item (<c>field:patients:email</c>), what a conflict's choice is posted as.</param>
/// <param name="Table">The table it belongs to, in the copy's words (rules: their table).</param>
/// <param name="Conflict">The copy changed the same item in its own way: the admin chooses, nothing is overwritten silently.</param>
public sealed record UpdateItem(string Key, string Table, ChangeKind Kind, string What, string Name, bool Conflict)
{
    /// <summary>What happens to existing records, filled in by <see cref="RecipeUpdates"/> (it counts them).</summary>
    public string? Effect { get; set; }

    public string? TableKey { get; init; }

    public FieldDefinition? OldField { get; init; }

    public FieldDefinition? NewField { get; init; }
}

/// <summary>
/// S7: a three-way merge of a recipe's new version into a copy. The base is the recipe version the
/// copy runs; "theirs" is the new version; "yours" is the copy as it is now. What only the recipe
/// changed is taken, what only the copy changed (its own additions) is kept, and what both changed
/// differently is a conflict the admin resolves item by item.
/// </summary>
public static class RecipeMerge
{
    public static IReadOnlyList<UpdateItem> Plan(SolutionDefinition @base, SolutionDefinition theirs, SolutionDefinition yours)
    {
        var items = new List<UpdateItem>();
        foreach (var key in Keys(@base.Tables, theirs.Tables, yours.Tables, t => t.Key))
        {
            var (b, t, y) = (@base.Table(key), theirs.Table(key), yours.Table(key));
            var tableName = (y ?? t ?? b)!.Name;
            if (t is null || b is null || y is null)
            {
                // Unchanged by the recipe, or the copy already has what it brings: nothing to do.
                if (Same(b, t) || Same(t, y)) continue;
                var kind = b is null ? ChangeKind.Added : t is null ? ChangeKind.Removed : ChangeKind.Changed;
                var conflict = !Same(b, y);
                items.Add(new UpdateItem($"table:{key}", tableName, kind, "table", (t ?? b)!.Name, conflict) { TableKey = key });
                continue;
            }

            if (Changed(Header(b), Header(t)))
            {
                if (!Same(Header(t), Header(y))) items.Add(new UpdateItem($"table:{key}", tableName, ChangeKind.Changed, "table name", t.Name, Changed(Header(b), Header(y))) { TableKey = key });
            }

            Items(items, $"field:{key}", tableName, "field", b.Fields, t.Fields, y.Fields, f => f.Key, f => f.Name, key);
            Items(items, $"view:{key}", tableName, "view", b.Views, t.Views, y.Views, v => v.Key, v => v.Name, key);
        }

        foreach (var key in Keys(@base.Rules, theirs.Rules, yours.Rules, r => r.Key))
        {
            var (b, t, y) = (@base.Rules.Find(r => r.Key == key), theirs.Rules.Find(r => r.Key == key), yours.Rules.Find(r => r.Key == key));
            if (Same(b, t) || Same(t, y)) continue;
            var rule = (t ?? b)!;
            var table = (yours.Table(rule.Table) ?? theirs.Table(rule.Table))?.Name ?? rule.Table;
            items.Add(new UpdateItem($"rule:{key}", table, b is null ? ChangeKind.Added : t is null ? ChangeKind.Removed : ChangeKind.Changed, "rule", rule.Name, !Same(b, y)));
        }

        return items;
    }

    /// <summary>The copy after the update: every non-conflicting change of the recipe, and for each conflict the side chosen (the copy's own unless its key is in <paramref name="takeTheirs"/>).</summary>
    public static SolutionDefinition Apply(SolutionDefinition @base, SolutionDefinition theirs, SolutionDefinition yours, IReadOnlySet<string> takeTheirs)
    {
        var result = Clone(yours);
        var tables = new List<TableDefinition>();
        foreach (var key in Keys(@base.Tables, theirs.Tables, yours.Tables, t => t.Key))
        {
            var (b, t, y) = (@base.Table(key), theirs.Table(key), result.Table(key));
            if (t is null || b is null || y is null)
            {
                var chosen = Pick(b, t, y, takeTheirs.Contains($"table:{key}"));
                if (chosen is not null) tables.Add(Clone(chosen));
                continue;
            }

            var merged = Clone(y);
            if (Pick(Header(b), Header(t), Header(y), takeTheirs.Contains($"table:{key}")) is { } header) merged.Name = header;
            merged.Fields = MergeList(b.Fields, t.Fields, y.Fields, f => f.Key, k => takeTheirs.Contains($"field:{key}:{k}"));
            merged.Views = MergeList(b.Views, t.Views, y.Views, v => v.Key, k => takeTheirs.Contains($"view:{key}:{k}"));
            tables.Add(merged);
        }

        result.Tables = tables;
        result.Rules = MergeList(@base.Rules, theirs.Rules, yours.Rules, r => r.Key, k => takeTheirs.Contains($"rule:{k}"));
        return result;
    }

    private static void Items<T>(List<UpdateItem> items, string prefix, string table, string what, List<T> b, List<T> t, List<T> y, Func<T, string> key, Func<T, string> name, string tableKey)
        where T : class
    {
        foreach (var k in Keys(b, t, y, key))
        {
            var (bi, ti, yi) = (b.Find(i => key(i) == k), t.Find(i => key(i) == k), y.Find(i => key(i) == k));
            if (Same(bi, ti) || Same(ti, yi)) continue;
            items.Add(new UpdateItem($"{prefix}:{k}", table, bi is null ? ChangeKind.Added : ti is null ? ChangeKind.Removed : ChangeKind.Changed, what, name((ti ?? bi)!), !Same(bi, yi))
            {
                TableKey = tableKey,
                OldField = (yi ?? bi) as FieldDefinition,
                NewField = ti as FieldDefinition,
            });
        }
    }

    private static List<T> MergeList<T>(List<T> b, List<T> t, List<T> y, Func<T, string> key, Func<string, bool> takeTheirs)
        where T : class
    {
        var result = new List<T>();
        foreach (var k in Keys(b, t, y, key))
        {
            var chosen = Pick(b.Find(i => key(i) == k), t.Find(i => key(i) == k), y.Find(i => key(i) == k), takeTheirs(k));
            if (chosen is not null) result.Add(Clone(chosen));
        }

        return result;
    }

    /// <summary>The three-way rule for one item: unchanged by the recipe → the copy's; unchanged by the copy → the recipe's; both → the admin's choice.</summary>
    private static T? Pick<T>(T? b, T? t, T? y, bool takeTheirs)
        where T : class
    {
        if (Same(b, t)) return y;
        if (Same(b, y)) return t;
        if (Same(t, y)) return y;
        return takeTheirs ? t : y;
    }

    /// <summary>Keys in the copy's order, then the recipe's new ones, then the base's (so a merge keeps the copy's layout).</summary>
    private static IEnumerable<string> Keys<T>(List<T> b, List<T> t, List<T> y, Func<T, string> key) =>
        y.Select(key).Concat(t.Select(key)).Concat(b.Select(key)).Distinct(StringComparer.Ordinal).ToList();

    private static string? Header(TableDefinition? table) => table?.Name;

    private static bool Changed<T>(T? a, T? b) => !Same(a, b);

    private static bool Same<T>(T? a, T? b) => Json(a) == Json(b);

    private static string Json<T>(T? value) => value is null ? "null" : JsonSerializer.Serialize(value);

    private static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
