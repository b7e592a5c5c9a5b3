namespace PartnerPortal.Solutions.Definition;

public enum ChangeKind
{
    Added,
    Changed,
    Removed,
}

public sealed record DefinitionChange(ChangeKind Kind, string What, string Name);

/// <summary>What differs between two definitions (tables, fields, views, rules), for version comparison.</summary>
public static class DefinitionDiff
{
    public static IReadOnlyList<DefinitionChange> Compare(SolutionDefinition from, SolutionDefinition to)
    {
        var changes = new List<DefinitionChange>();
        Items(changes, "table", from.Tables, to.Tables, t => t.Key, t => t.Name, (a, b) => a.Name == b.Name && a.Fields.Select(f => f.Key).SequenceEqual(b.Fields.Select(f => f.Key)));
        foreach (var table in to.Tables)
        {
            var old = from.Table(table.Key);
            if (old is null) continue;
            Items(changes, $"field of {table.Name}", old.Fields, table.Fields, f => f.Key, f => f.Name, (a, b) => Same(a, b));
            Items(changes, $"view of {table.Name}", old.Views, table.Views, v => v.Key, v => v.Name, (a, b) => Json(a) == Json(b));
        }

        Items(changes, "rule", from.Rules, to.Rules, r => r.Key, r => r.Name, (a, b) => Json(a) == Json(b));
        return changes;
    }

    private static void Items<T>(List<DefinitionChange> changes, string what, List<T> from, List<T> to, Func<T, string> key, Func<T, string> name, Func<T, T, bool> same)
    {
        foreach (var item in to)
        {
            var old = from.FirstOrDefault(o => key(o) == key(item));
            if (old is null) changes.Add(new DefinitionChange(ChangeKind.Added, what, name(item)));
            else if (!same(old, item)) changes.Add(new DefinitionChange(ChangeKind.Changed, what, name(item)));
        }

        foreach (var item in from.Where(o => to.All(n => key(n) != key(o)))) changes.Add(new DefinitionChange(ChangeKind.Removed, what, name(item)));
    }

    private static bool Same(FieldDefinition a, FieldDefinition b) =>
        a.Name == b.Name && a.Type == b.Type && a.Required == b.Required && a.Currency == b.Currency && a.Table == b.Table &&
        (a.Options ?? []).SequenceEqual(b.Options ?? []);

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
