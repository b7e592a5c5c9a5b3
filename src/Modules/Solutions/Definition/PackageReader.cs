using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnerPortal.Solutions.Definition;

/// <summary>One problem in a package or definition: where (a JSON path) and what.</summary>
public sealed record PackageError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";

    /// <summary>How a person reads it: "Table 1, field 3, type: 'colour' is not a field type" (no JSON path).</summary>
    public string Plain => PlainPath(Path) is { Length: > 0 } where
        ? $"{where}: {Problem}"
        : Problem.Length > 0 ? char.ToUpperInvariant(Problem[0]) + Problem[1..] : Problem;

    /// <summary>"$.tables[0].fields[2].type" → "Table 1, field 3, type"; "$" → "" (the whole file).</summary>
    public static string PlainPath(string path)
    {
        var parts = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(path, @"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]"))
        {
            if (m.Groups[1].Success) parts.Add(Words(m.Groups[1].Value));
            else if (parts.Count > 0) parts[^1] = $"{Singular(parts[^1])} {int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}";
        }

        var text = string.Join(", ", parts);
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

        static string Words(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        static string Singular(string noun) => noun.EndsWith('s') ? noun[..^1] : noun;
    }
}

public sealed record PackageReadResult(SolutionPackage? Package, IReadOnlyList<PackageError> Errors)
{
    public bool IsValid => Package is not null && Errors.Count == 0;
}

/// <summary>
/// The one validation of solution definitions (S1, S5): every import, every builder save and every
/// publish goes through here. The shape is checked against Schema/solution-package.schema.json
/// (<see cref="PackageSchema"/>); this class adds only what a schema cannot state: the size, encoding
/// and nesting limits checked before anything is built, duplicate property names, unique keys,
/// references between tables, fields and rules, template syntax, and set-field values that fit
/// their field. It reports every problem with its JSON path instead of stopping at the first.
/// </summary>
public static class PackageReader
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 16;
    public const int MaxNameLength = 100;
    public const int MaxErrors = 50;

    public static PackageReadResult Read(byte[] utf8)
    {
        if (utf8.Length > MaxBytes) return Fail("$", $"the package is {utf8.Length:N0} bytes; the limit is {MaxBytes:N0}");
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return Fail("$", "the file is not valid UTF-8 text");
        }

        return Read(text);
    }

    public static PackageReadResult Read(string json)
    {
        if (json.Length > MaxBytes) return Fail("$", $"the package is longer than {MaxBytes:N0} characters");
        json = json.TrimStart('\uFEFF');
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            return Fail("$", $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}){(ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? $": nested deeper than {MaxDepth} levels" : string.Empty)}");
        }

        using (document)
        {
            var errors = new List<PackageError>();
            DuplicateProperties(document.RootElement, "$", errors);
            errors.AddRange(PackageSchema.Validate(document.RootElement));
            if (errors.Count > 0) return new PackageReadResult(null, errors.Take(MaxErrors).ToList());

            var package = Build(document.RootElement);
            var references = new References();
            references.Check(package.Definition);
            return references.Errors.Count == 0 ? new PackageReadResult(package, []) : new PackageReadResult(null, references.Errors);
        }
    }

    /// <summary>Checks a definition the builder changed, by the same rules as an import.</summary>
    public static IReadOnlyList<PackageError> Validate(SolutionDefinition definition, string name = "solution") =>
        Read(PackageWriter.Write(new SolutionPackage { Name = name, Definition = definition })).Errors;

    /// <summary>
    /// Reads a definition stored by this module. It was validated when it was saved, so it is only
    /// built here: pages read one on every request, and a stricter schema later must not lock out
    /// definitions saved under an earlier one.
    /// </summary>
    public static SolutionDefinition ReadStoredDefinition(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Build(document.RootElement).Definition;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidOperationException($"A stored definition cannot be read: {ex.Message}", ex);
        }
    }

    private static PackageReadResult Fail(string path, string problem) => new(null, [new PackageError(path, problem)]);

    /// <summary>A schema sees a parsed object, where a name given twice is already one; the text still has both.</summary>
    private static void DuplicateProperties(JsonElement e, string path, List<PackageError> errors)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray()) DuplicateProperties(item, $"{path}[{i++}]", errors);
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in e.EnumerateObject())
            {
                if (!seen.Add(property.Name)) errors.Add(new PackageError($"{path}.{Safe(property.Name)}", "appears twice"));
                DuplicateProperties(property.Value, $"{path}.{Safe(property.Name)}", errors);
            }
        }
    }

    /// <summary>Builds the package from a document the schema accepted, so every shape is known here.</summary>
    private static SolutionPackage Build(JsonElement root)
    {
        var source = root.TryGetProperty("source", out var s)
            ? new PackageSource(Text(s, "organization"), Text(s, "recipe"), s.TryGetProperty("version", out var v) ? v.GetInt32() : null)
            : null;
        var definition = new SolutionDefinition
        {
            Tables = Items(root, "tables").Select(t => new TableDefinition
            {
                Key = Text(t, "key")!,
                Name = Text(t, "name")!,
                Fields = Items(t, "fields").Select(f =>
                {
                    var type = FieldTypeNames.ByName[Text(f, "type")!];
                    return new FieldDefinition
                    {
                        Key = Text(f, "key")!,
                        Name = Text(f, "name")!,
                        Type = type,
                        Required = f.TryGetProperty("required", out var required) && required.GetBoolean(),
                        Options = f.TryGetProperty("options", out _) ? Strings(f, "options") : null,
                        Currency = Text(f, "currency"),
                        Table = Text(f, "table"),
                    };
                }).ToList(),
                Views = Items(t, "views").Select(v => new ViewDefinition
                {
                    Key = Text(v, "key")!,
                    Name = Text(v, "name")!,
                    Columns = Strings(v, "columns"),
                    Sort = v.TryGetProperty("sort", out var sort)
                        ? new ViewSort(Text(sort, "field")!, sort.TryGetProperty("descending", out var descending) && descending.GetBoolean())
                        : null,
                    Filters = Items(v, "filters").Select(f => new ViewFilter(Text(f, "field")!, Named<FilterOperator>(Text(f, "op")!), Text(f, "value"))).ToList(),
                }).ToList(),
            }).ToList(),
            Rules = Items(root, "rules").Select(r =>
            {
                var action = r.GetProperty("action");
                return new AutomationRule
                {
                    Key = Text(r, "key")!,
                    Name = Text(r, "name")!,
                    Table = Text(r, "table")!,
                    Trigger = Named<RuleTrigger>(Text(r, "trigger")!),
                    When = r.TryGetProperty("when", out var when) ? new RuleCondition(Text(when, "field")!, Text(when, "equals")!) : null,
                    Action = new RuleAction
                    {
                        Type = Named<RuleActionType>(Text(action, "type")!),
                        ToField = Text(action, "toField"),
                        To = Text(action, "to"),
                        Subject = Text(action, "subject"),
                        Body = Text(action, "body"),
                        Field = Text(action, "field"),
                        Value = Text(action, "value"),
                    },
                };
            }).ToList(),
        };

        return new SolutionPackage
        {
            Name = Text(root, "name")!,
            Description = Text(root, "description"),
            Tags = Strings(root, "tags"),
            Source = source,
            Definition = definition,
        };

        static string? Text(JsonElement e, string property) => e.TryGetProperty(property, out var value) ? value.GetString() : null;

        static IEnumerable<JsonElement> Items(JsonElement e, string property) => e.TryGetProperty(property, out var value) ? value.EnumerateArray() : [];

        static List<string> Strings(JsonElement e, string property) => Items(e, property).Select(i => i.GetString()!).ToList();

        static T Named<T>(string name) where T : struct, Enum => Enum.GetValues<T>().Single(value => FieldTypeNames.NameOf(value) == name);
    }

    /// <summary>A property name from the input, cut and stripped so an error message stays readable.</summary>
    internal static string Safe(string name)
    {
        var clean = new string(name.Where(c => !char.IsControl(c)).Take(40).ToArray());
        return clean.Length == 0 ? "''" : clean;
    }

    /// <summary>What a schema cannot state: keys unique within their list, names that point elsewhere, templates and values that must parse.</summary>
    private sealed class References
    {
        public List<PackageError> Errors { get; } = [];

        private void Error(string path, string problem)
        {
            if (Errors.Count < MaxErrors) Errors.Add(new PackageError(path, problem));
        }

        public void Check(SolutionDefinition definition)
        {
            Unique(definition.Tables.Select(t => t.Key), i => $"$.tables[{i}].key", "table key");
            for (var t = 0; t < definition.Tables.Count; t++)
            {
                var table = definition.Tables[t];
                Unique(table.Fields.Select(f => f.Key), i => $"$.tables[{t}].fields[{i}].key", "field key");
                Unique(table.Views.Select(v => v.Key), i => $"$.tables[{t}].views[{i}].key", "view key");
            }

            Unique(definition.Rules.Select(r => r.Key), i => $"$.rules[{i}].key", "rule key");
            for (var r = 0; r < definition.Rules.Count; r++)
            {
                var action = definition.Rules[r].Action;
                if (action.Subject is not null) Template(action.Subject, $"$.rules[{r}].action.subject");
                if (action.Body is not null) Template(action.Body, $"$.rules[{r}].action.body");
            }

            if (Errors.Count == 0) CrossReferences(definition);
        }

        private void Template(string text, string path)
        {
            var parsed = Scriban.Template.Parse(text);
            if (parsed.HasErrors) Error(path, $"template error: {string.Join("; ", parsed.Messages.Select(m => m.Message))}");
        }

        /// <summary>Names that point elsewhere (columns, sorts, filters, links, rules) must exist and fit.</summary>
        private void CrossReferences(SolutionDefinition definition)
        {
            for (var t = 0; t < definition.Tables.Count; t++)
            {
                var table = definition.Tables[t];
                var path = $"$.tables[{t}]";
                for (var f = 0; f < table.Fields.Count; f++)
                {
                    var field = table.Fields[f];
                    if (field.Type == FieldType.Link && field.Table is not null && definition.Table(field.Table) is null)
                        Error($"{path}.fields[{f}].table", $"there is no table '{field.Table}'");
                }

                for (var v = 0; v < table.Views.Count; v++)
                {
                    var view = table.Views[v];
                    for (var c = 0; c < view.Columns.Count; c++)
                        if (table.Field(view.Columns[c]) is null) Error($"{path}.views[{v}].columns[{c}]", $"table '{table.Key}' has no field '{view.Columns[c]}'");
                    if (view.Sort is not null && table.Field(view.Sort.Field) is null) Error($"{path}.views[{v}].sort.field", $"table '{table.Key}' has no field '{view.Sort.Field}'");
                    for (var i = 0; i < view.Filters.Count; i++)
                        if (table.Field(view.Filters[i].Field) is null) Error($"{path}.views[{v}].filters[{i}].field", $"table '{table.Key}' has no field '{view.Filters[i].Field}'");
                }
            }

            for (var r = 0; r < definition.Rules.Count; r++)
            {
                var rule = definition.Rules[r];
                var path = $"$.rules[{r}]";
                var table = definition.Table(rule.Table);
                if (table is null)
                {
                    Error($"{path}.table", $"there is no table '{rule.Table}'");
                    continue;
                }

                if (rule.When is not null && table.Field(rule.When.Field) is null) Error($"{path}.when.field", $"table '{table.Key}' has no field '{rule.When.Field}'");
                if (rule.Action.ToField is not null && table.Field(rule.Action.ToField) is not { Type: FieldType.Email })
                    Error($"{path}.action.toField", $"table '{table.Key}' has no e-mail field '{rule.Action.ToField}'");
                if (rule.Action.Type == RuleActionType.SetField && rule.Action.Field is not null)
                {
                    if (table.Field(rule.Action.Field) is not { } target) Error($"{path}.action.field", $"table '{table.Key}' has no field '{rule.Action.Field}'");
                    else if (!FieldValues.TryParse(target, rule.Action.Value, out _, out var problem)) Error($"{path}.action.value", problem!);
                }
            }
        }

        private void Unique(IEnumerable<string> values, Func<int, string> path, string what)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var value in values)
            {
                if (!seen.Add(value)) Error(path(i), $"the {what} '{value}' is used twice");
                i++;
            }
        }
    }
}

internal static class EmailAddress
{
    public static bool IsValid(string value) =>
        value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}

internal static class Invariant
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
}
