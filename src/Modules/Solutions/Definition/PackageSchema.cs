using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PartnerPortal.Solutions.Definition;

/// <summary>
/// Schema/solution-package.schema.json (shipped in this assembly) evaluated with JsonSchema.Net,
/// its failures told in words a person can act on, each at the JSON path of the value at fault.
/// The words come from the schema itself: the keyword's own values (limits, allowed values) and,
/// where a generic sentence would not do, the schema's <c>x-messages</c>.
/// </summary>
internal static class PackageSchema
{
    public const string ResourceName = "solution-package.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> Loaded = new(Load);

    /// <summary>The schema's own text, as shipped.</summary>
    public static string Text()
    {
        using var stream = typeof(PackageSchema).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(PackageSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<PackageError> Validate(JsonElement instance)
    {
        var (schema, document) = Loaded.Value;
        var evaluated = InRange(instance);
        var results = schema.Evaluate(evaluated, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });
        if (results.IsValid) return [];
        var errors = new List<PackageError>();
        new Translation(document, evaluated, errors).Visit(results);
        return errors.Distinct().ToList();
    }

    private static (JsonSchema, JsonNode) Load()
    {
        var text = Text();
        // A registry of its own: the global one refuses a second schema with the same $id (two hosts, or a test, in one process).
        return (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), JsonNode.Parse(text)!);
    }

    /// <summary>
    /// JsonSchema.Net compares numbers as decimals and throws on one beyond that range (1e400).
    /// Such a number is evaluated as the largest decimal instead: it fails every limit and constant
    /// the schema sets for it, which is what it deserves.
    /// </summary>
    private static JsonElement InRange(JsonElement instance)
    {
        if (!HasHugeNumber(instance)) return instance;
        var node = JsonNode.Parse(instance.GetRawText());
        return JsonSerializer.SerializeToElement(Clamp(node));

        static bool HasHugeNumber(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Number => !e.TryGetDecimal(out _),
            JsonValueKind.Array => e.EnumerateArray().Any(HasHugeNumber),
            JsonValueKind.Object => e.EnumerateObject().Any(p => HasHugeNumber(p.Value)),
            _ => false,
        };

        static JsonNode? Clamp(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, value) in o.ToList()) o[name] = Clamp(value?.DeepClone());
                    return o;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) a[i] = Clamp(a[i]?.DeepClone());
                    return a;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number && !decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                    return JsonValue.Create(v.ToJsonString().StartsWith('-') ? decimal.MinValue : decimal.MaxValue);
                default:
                    return node;
            }
        }
    }

    /// <summary>Walks the failed branches of an evaluation and says what is wrong at each place.</summary>
    private sealed class Translation(JsonNode schema, JsonElement instance, List<PackageError> errors)
    {
        public void Visit(EvaluationResults node)
        {
            if (node.IsValid) return;
            var subschema = Subschema(node.SchemaLocation);
            var location = Segments(node.InstanceLocation.ToString());
            var oneOfExplained = false;
            foreach (var (keyword, _) in node.Errors ?? new Dictionary<string, string>())
            {
                if (keyword == "oneOf" && Custom(subschema, keyword) is not null) oneOfExplained = true;
                Explain(keyword, subschema, location, node);
            }

            foreach (var child in node.Details ?? [])
            {
                var evaluationPath = child.EvaluationPath.ToString();
                // A failed "if" only chooses "else"; the branches of an explained oneOf were summed up above.
                if (evaluationPath.EndsWith("/if", StringComparison.Ordinal)) continue;
                if (oneOfExplained && evaluationPath.Contains("/oneOf/", StringComparison.Ordinal)) continue;
                Visit(child);
            }
        }

        private void Explain(string keyword, JsonObject? subschema, IReadOnlyList<string> location, EvaluationResults node)
        {
            var value = At(location);
            var path = JsonPath(location);
            var custom = Custom(subschema, keyword);
            switch (keyword)
            {
                case "required":
                    var required = subschema?["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [];
                    foreach (var missing in required.Where(name => value is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out _)))
                        Add(JsonPath([.. location, missing]), custom ?? "is missing");
                    return;
                case "type":
                    Add(path, $"must be {Expected(subschema?["type"])}, not {Describe(value)}");
                    return;
                case "const":
                    var constant = subschema?["const"];
                    Add(path, custom ?? (constant?.GetValueKind() == JsonValueKind.String && value is { ValueKind: JsonValueKind.String }
                        ? $"'{Cut(value.Value.GetString())}' is not '{constant.GetValue<string>()}'"
                        : $"must be {constant?.ToJsonString()}"));
                    return;
                case "enum":
                    var allowed = string.Join(", ", subschema?["enum"]?.AsArray().Select(n => n!.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n.ToJsonString()) ?? []);
                    Add(path, $"{Fill(custom ?? "'{value}' is not one of the allowed values", value)} (use one of {allowed})");
                    return;
                case "maxLength":
                    Add(path, $"is {Length(value):N0} characters long; the limit is {Number(subschema, keyword):N0}");
                    return;
                case "maxItems":
                    Add(path, $"has {value?.GetArrayLength() ?? 0:N0} entries; the limit is {Number(subschema, keyword):N0}");
                    return;
                case "minItems":
                    Add(path, custom ?? $"needs at least {Number(subschema, keyword):N0} entries");
                    return;
                case "minimum" or "maximum":
                    Add(path, custom ?? $"must be {(keyword == "minimum" ? "at least" : "at most")} {Number(subschema, keyword):N0}");
                    return;
                case "":
                    // The false schema: under additionalProperties it is a property nobody asked for.
                    Add(path, node.EvaluationPath.ToString().EndsWith("additionalProperties", StringComparison.Ordinal) ? "is not a known property" : "is not allowed here");
                    return;
                default:
                    Add(path, Fill(custom ?? keyword switch
                    {
                        "pattern" => "'{value}' is not in the expected form",
                        "format" => "'{value}' is not a valid " + subschema?["format"],
                        "uniqueItems" => "lists the same value twice",
                        "oneOf" => "matches none, or more than one, of the allowed shapes",
                        "not" => "is not allowed here",
                        _ => $"breaks the schema's '{keyword}' rule",
                    }, value));
                    return;
            }
        }

        private void Add(string path, string problem) => errors.Add(new PackageError(path, problem));

        /// <summary>
        /// The subschema an evaluation node names. JsonSchema.Net 8 adds the index of an enclosing
        /// allOf/oneOf after some keywords (<c>allOf/0/if/0/properties</c>); a number that names no
        /// member of an object is that index, and is skipped.
        /// </summary>
        private JsonObject? Subschema(Uri location)
        {
            var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
            JsonNode? node = schema;
            foreach (var segment in Segments(fragment))
            {
                node = node switch
                {
                    JsonObject o when o.TryGetPropertyValue(segment, out var next) => next,
                    JsonObject o when int.TryParse(segment, out _) => o,
                    JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null) return null;
            }

            return node as JsonObject;
        }

        private static string? Custom(JsonObject? subschema, string keyword) =>
            subschema?["x-messages"] is JsonObject messages && messages[keyword] is JsonValue text ? text.GetValue<string>() : null;

        private static decimal Number(JsonObject? subschema, string keyword) => subschema?[keyword]?.GetValue<decimal>() ?? 0;

        private JsonElement? At(IReadOnlyList<string> location)
        {
            var current = instance;
            foreach (var segment in location)
            {
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next)) current = next;
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < current.GetArrayLength()) current = current[i];
                else return null;
            }

            return current;
        }

        private static string Fill(string message, JsonElement? value) =>
            message.Replace("{value}", value is { ValueKind: JsonValueKind.String } text ? Cut(text.GetString()) : value?.GetRawText() is { } raw ? Cut(raw) : string.Empty, StringComparison.Ordinal);

        private static int Length(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString()!.Length : 0;

        private static string Expected(JsonNode? type) => type?.GetValue<string>() switch
        {
            "string" => "text",
            "array" => "a list",
            "object" => "an object",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            var other => other ?? "something else",
        };

        /// <summary>JSON pointer segments (RFC 6901 escapes undone); none for the root.</summary>
        private static List<string> Segments(string pointer) =>
            pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

        /// <summary><c>$.tables[1].fields[0].type</c>: numbers are list positions, names are cut and stripped so a message stays readable.</summary>
        private string JsonPath(IReadOnlyList<string> location)
        {
            var path = new System.Text.StringBuilder("$");
            var current = (JsonElement?)instance;
            foreach (var segment in location)
            {
                if (current is { ValueKind: JsonValueKind.Array } && int.TryParse(segment, out var i))
                {
                    path.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                    current = i < current.Value.GetArrayLength() ? current.Value[i] : null;
                }
                else
                {
                    path.Append('.').Append(PackageReader.Safe(segment));
                    current = current is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(segment, out var next) ? next : null;
                }
            }

            return path.ToString();
        }

        private static string Cut(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";
    }

    public static string Describe(JsonElement? e) => e?.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => $"the number {e.Value.GetRawText()[..Math.Min(20, e.Value.GetRawText().Length)]}",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
