using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerPortal.Solutions.Definition;

/// <summary>One problem in a package or definition: where (a JSON path) and what.</summary>
public sealed record PackageError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}

public sealed record PackageReadResult(SolutionPackage? Package, IReadOnlyList<PackageError> Errors)
{
    public bool IsValid => Package is not null && Errors.Count == 0;
}

/// <summary>
/// The one validation of solution definitions (S1, S5): every import, every builder save and every
/// publish goes through here, and it mirrors Schema/solution-package.schema.json. It reports every
/// problem with its JSON path instead of stopping at the first, and refuses oversized or deeply
/// nested input before it builds anything.
/// </summary>
public static partial class PackageReader
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 16;
    public const int MaxTables = 50;
    public const int MaxFields = 100;
    public const int MaxOptions = 100;
    public const int MaxViews = 20;
    public const int MaxRules = 100;
    public const int MaxTags = 20;
    public const int MaxNameLength = 100;
    public const int MaxTemplateLength = 10_000;
    public const int MaxErrors = 50;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

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
            var walk = new Walk();
            var package = walk.Package(document.RootElement);
            return new PackageReadResult(walk.Errors.Count == 0 ? package : null, walk.Errors);
        }
    }

    /// <summary>Checks a definition the builder changed, by the same rules as an import.</summary>
    public static IReadOnlyList<PackageError> Validate(SolutionDefinition definition, string name = "solution") =>
        Read(PackageWriter.Write(new SolutionPackage { Name = name, Definition = definition })).Errors;

    /// <summary>Reads a definition stored by this module (already valid when it was saved).</summary>
    public static SolutionDefinition ReadStoredDefinition(string json)
    {
        var result = Read(json);
        if (!result.IsValid) throw new InvalidOperationException($"A stored definition is not valid: {string.Join("; ", result.Errors)}");
        return result.Package!.Definition;
    }

    private static PackageReadResult Fail(string path, string problem) => new(null, [new PackageError(path, problem)]);

    private sealed class Walk
    {
        public List<PackageError> Errors { get; } = [];

        private void Error(string path, string problem)
        {
            if (Errors.Count < MaxErrors) Errors.Add(new PackageError(path, problem));
        }

        public SolutionPackage? Package(JsonElement root)
        {
            if (!Object(root, "$")) return null;
            Known(root, "$", "format", "formatVersion", "name", "description", "tags", "source", "tables", "rules");
            var format = String(root, "$", "format", required: true, max: 100);
            if (format is not null && format != SolutionPackage.Format) Error("$.format", $"'{format}' is not '{SolutionPackage.Format}'");
            if (root.TryGetProperty("formatVersion", out var version))
            {
                if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SolutionPackage.FormatVersion)
                    Error("$.formatVersion", $"must be {SolutionPackage.FormatVersion}");
            }
            else
            {
                Error("$.formatVersion", "is missing");
            }

            var name = String(root, "$", "name", required: true, max: MaxNameLength) ?? string.Empty;
            var description = String(root, "$", "description", required: false, max: 2000);
            var tags = Strings(root, "$", "tags", MaxTags, 40);
            PackageSource? source = null;
            if (root.TryGetProperty("source", out var s) && Object(s, "$.source"))
            {
                Known(s, "$.source", "organization", "recipe", "version");
                int? sourceVersion = null;
                if (s.TryGetProperty("version", out var sv))
                {
                    if (sv.ValueKind == JsonValueKind.Number && sv.TryGetInt32(out var n) && n > 0) sourceVersion = n;
                    else Error("$.source.version", "must be a positive whole number");
                }

                source = new PackageSource(String(s, "$.source", "organization", false, 200), String(s, "$.source", "recipe", false, 200), sourceVersion);
            }

            var definition = new SolutionDefinition();
            var tables = Array(root, "$", "tables", required: true, max: MaxTables);
            for (var i = 0; i < tables.Count; i++)
            {
                if (Table(tables[i], $"$.tables[{i}]") is { } table) definition.Tables.Add(table);
            }

            if (tables.Count == 0 && root.TryGetProperty("tables", out _)) Error("$.tables", "a solution needs at least one table");
            Unique(definition.Tables.Select(t => t.Key), i => $"$.tables[{i}].key", "table key");

            var rules = Array(root, "$", "rules", required: false, max: MaxRules);
            for (var i = 0; i < rules.Count; i++)
            {
                if (Rule(rules[i], $"$.rules[{i}]") is { } rule) definition.Rules.Add(rule);
            }

            Unique(definition.Rules.Select(r => r.Key), i => $"$.rules[{i}].key", "rule key");
            if (Errors.Count == 0) CrossReferences(definition);
            return new SolutionPackage { Name = name, Description = description, Tags = tags, Source = source, Definition = definition };
        }

        private TableDefinition? Table(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Known(e, path, "key", "name", "fields", "views");
            var table = new TableDefinition { Key = Key(e, path) ?? string.Empty, Name = String(e, path, "name", true, MaxNameLength) ?? string.Empty };
            var fields = Array(e, path, "fields", required: true, max: MaxFields);
            if (fields.Count == 0 && e.TryGetProperty("fields", out _)) Error($"{path}.fields", "a table needs at least one field");
            for (var i = 0; i < fields.Count; i++)
            {
                if (Field(fields[i], $"{path}.fields[{i}]") is { } field) table.Fields.Add(field);
            }

            Unique(table.Fields.Select(f => f.Key), i => $"{path}.fields[{i}].key", "field key");
            var views = Array(e, path, "views", required: false, max: MaxViews);
            for (var i = 0; i < views.Count; i++)
            {
                if (View(views[i], $"{path}.views[{i}]") is { } view) table.Views.Add(view);
            }

            Unique(table.Views.Select(v => v.Key), i => $"{path}.views[{i}].key", "view key");
            return table;
        }

        private FieldDefinition? Field(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Known(e, path, "key", "name", "type", "required", "options", "currency", "table");
            var field = new FieldDefinition { Key = Key(e, path) ?? string.Empty, Name = String(e, path, "name", true, MaxNameLength) ?? string.Empty };
            var type = String(e, path, "type", true, 40);
            if (type is not null)
            {
                if (FieldTypeNames.ByName.TryGetValue(type, out var t)) field.Type = t;
                else Error($"{path}.type", $"'{type}' is not a field type (use one of {FieldTypeNames.AllTypes})");
            }

            field.Required = Bool(e, path, "required") ?? false;
            if (field.Type == FieldType.Choice && type is not null)
            {
                field.Options = Strings(e, path, "options", MaxOptions, MaxNameLength);
                if (field.Options.Count == 0) Error($"{path}.options", "a choice field needs at least one option");
                Unique(field.Options, i => $"{path}.options[{i}]", "option");
            }
            else if (e.TryGetProperty("options", out _))
            {
                Error($"{path}.options", "only choice fields have options");
            }

            if (field.Type == FieldType.Money && type is not null)
            {
                field.Currency = String(e, path, "currency", true, 3);
                if (field.Currency is not null && !CurrencyPattern().IsMatch(field.Currency)) Error($"{path}.currency", $"'{field.Currency}' is not a three-letter currency code such as EUR");
            }
            else if (e.TryGetProperty("currency", out _))
            {
                Error($"{path}.currency", "only money fields have a currency");
            }

            if (field.Type == FieldType.Link && type is not null) field.Table = String(e, path, "table", true, 40);
            else if (e.TryGetProperty("table", out _)) Error($"{path}.table", "only link fields point to a table");
            return field;
        }

        private ViewDefinition? View(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Known(e, path, "key", "name", "columns", "sort", "filters");
            var view = new ViewDefinition { Key = Key(e, path) ?? string.Empty, Name = String(e, path, "name", true, MaxNameLength) ?? string.Empty };
            view.Columns = Strings(e, path, "columns", MaxFields, 40);
            if (e.TryGetProperty("sort", out var sort) && Object(sort, $"{path}.sort"))
            {
                Known(sort, $"{path}.sort", "field", "descending");
                var field = String(sort, $"{path}.sort", "field", true, 40);
                if (field is not null) view.Sort = new ViewSort(field, Bool(sort, $"{path}.sort", "descending") ?? false);
            }

            var filters = Array(e, path, "filters", required: false, max: 20);
            for (var i = 0; i < filters.Count; i++)
            {
                var fp = $"{path}.filters[{i}]";
                if (!Object(filters[i], fp)) continue;
                Known(filters[i], fp, "field", "op", "value");
                var field = String(filters[i], fp, "field", true, 40);
                var op = Enum<FilterOperator>(filters[i], fp, "op", "filter operator");
                var value = String(filters[i], fp, "value", false, 200);
                if (op is FilterOperator.Equals or FilterOperator.Contains or FilterOperator.GreaterThan or FilterOperator.LessThan && value is null)
                    Error($"{fp}.value", "this operator needs a value");
                if (field is not null && op is not null) view.Filters.Add(new ViewFilter(field, op.Value, value));
            }

            return view;
        }

        private AutomationRule? Rule(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Known(e, path, "key", "name", "table", "trigger", "when", "action");
            var key = Key(e, path);
            var name = String(e, path, "name", true, MaxNameLength);
            var table = String(e, path, "table", true, 40);
            var trigger = Enum<RuleTrigger>(e, path, "trigger", "trigger");
            RuleCondition? when = null;
            if (e.TryGetProperty("when", out var w) && Object(w, $"{path}.when"))
            {
                Known(w, $"{path}.when", "field", "equals");
                var field = String(w, $"{path}.when", "field", true, 40);
                var equals = String(w, $"{path}.when", "equals", true, 200);
                if (field is not null && equals is not null) when = new RuleCondition(field, equals);
            }

            RuleAction? action = null;
            var ap = $"{path}.action";
            if (!e.TryGetProperty("action", out var a)) Error(ap, "is missing");
            else if (Object(a, ap))
            {
                Known(a, ap, "type", "toField", "to", "subject", "body", "field", "value");
                var type = Enum<RuleActionType>(a, ap, "type", "action type");
                action = new RuleAction { Type = type ?? RuleActionType.Email };
                if (type == RuleActionType.Email)
                {
                    action.ToField = String(a, ap, "toField", false, 40);
                    action.To = String(a, ap, "to", false, 254);
                    if ((action.ToField is null) == (action.To is null)) Error(ap, "an e-mail action needs exactly one of 'toField' or 'to'");
                    if (action.To is not null && !EmailAddress.IsValid(action.To)) Error($"{ap}.to", $"'{action.To}' is not an e-mail address");
                    action.Subject = Template(a, ap, "subject", 500);
                    action.Body = Template(a, ap, "body", MaxTemplateLength);
                }
                else if (type == RuleActionType.SetField)
                {
                    action.Field = String(a, ap, "field", true, 40);
                    action.Value = String(a, ap, "value", false, 2000);
                }
            }

            if (key is null || name is null || table is null || trigger is null || action is null) return null;
            return new AutomationRule { Key = key, Name = name, Table = table, Trigger = trigger.Value, When = when, Action = action };
        }

        private string? Template(JsonElement e, string path, string property, int max)
        {
            var text = String(e, path, property, true, max);
            if (text is null) return null;
            var parsed = Scriban.Template.Parse(text);
            if (parsed.HasErrors) Error($"{path}.{property}", $"template error: {string.Join("; ", parsed.Messages.Select(m => m.Message))}");
            return text;
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

        private bool Object(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object) return true;
            Error(path, $"must be an object, not {Describe(e)}");
            return false;
        }

        private void Known(JsonElement e, string path, params string[] names)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in e.EnumerateObject())
            {
                if (!seen.Add(property.Name)) Error($"{path}.{Safe(property.Name)}", "appears twice");
                else if (!names.Contains(property.Name, StringComparer.Ordinal)) Error($"{path}.{Safe(property.Name)}", "is not a known property");
            }
        }

        private string? Key(JsonElement e, string path)
        {
            var key = String(e, path, "key", true, 40);
            if (key is not null && !KeyPattern().IsMatch(key)) Error($"{path}.key", $"'{key}' must start with a lower-case letter and hold only a–z, 0–9 and _");
            return key is not null && KeyPattern().IsMatch(key) ? key : null;
        }

        private string? String(JsonElement e, string path, string property, bool required, int max)
        {
            if (!e.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required) Error($"{path}.{property}", "is missing");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error($"{path}.{property}", $"must be text, not {Describe(value)}");
                return null;
            }

            var text = value.GetString()!;
            if (text.Length > max)
            {
                Error($"{path}.{property}", $"is {text.Length:N0} characters long; the limit is {max:N0}");
                return null;
            }

            if (required && string.IsNullOrWhiteSpace(text))
            {
                Error($"{path}.{property}", "is empty");
                return null;
            }

            if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                Error($"{path}.{property}", "contains control characters");
                return null;
            }

            return text;
        }

        private bool? Bool(JsonElement e, string path, string property)
        {
            if (!e.TryGetProperty(property, out var value)) return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            Error($"{path}.{property}", $"must be true or false, not {Describe(value)}");
            return null;
        }

        private T? Enum<T>(JsonElement e, string path, string property, string what) where T : struct, System.Enum
        {
            var text = String(e, path, property, true, 40);
            if (text is null) return null;
            foreach (var value in System.Enum.GetValues<T>())
            {
                if (FieldTypeNames.NameOf(value) == text) return value;
            }

            Error($"{path}.{property}", $"'{text}' is not a {what} (use one of {string.Join(", ", System.Enum.GetValues<T>().Select(FieldTypeNames.NameOf))})");
            return null;
        }

        private List<JsonElement> Array(JsonElement e, string path, string property, bool required, int max)
        {
            if (!e.TryGetProperty(property, out var value))
            {
                if (required) Error($"{path}.{property}", "is missing");
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error($"{path}.{property}", $"must be a list, not {Describe(value)}");
                return [];
            }

            var length = value.GetArrayLength();
            if (length > max)
            {
                Error($"{path}.{property}", $"has {length:N0} entries; the limit is {max:N0}");
                return [];
            }

            return value.EnumerateArray().ToList();
        }

        private List<string> Strings(JsonElement e, string path, string property, int max, int maxLength)
        {
            var result = new List<string>();
            var items = Array(e, path, property, required: false, max: max);
            for (var i = 0; i < items.Count; i++)
            {
                var itemPath = $"{path}.{property}[{i}]";
                if (items[i].ValueKind != JsonValueKind.String) Error(itemPath, $"must be text, not {Describe(items[i])}");
                else if (items[i].GetString() is { } s && (s.Length > maxLength || string.IsNullOrWhiteSpace(s))) Error(itemPath, s.Length > maxLength ? $"is longer than {maxLength} characters" : "is empty");
                else result.Add(items[i].GetString()!);
            }

            return result;
        }

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "text",
            JsonValueKind.Number => $"the number {e.GetRawText()[..Math.Min(20, e.GetRawText().Length)]}",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        /// <summary>A property name from the input, cut and stripped so an error message stays readable.</summary>
        private static string Safe(string name)
        {
            var clean = new string(name.Where(c => !char.IsControl(c)).Take(40).ToArray());
            return clean.Length == 0 ? "''" : clean;
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
