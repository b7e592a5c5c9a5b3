using System.Text;
using System.Text.Json;

namespace PartnerPortal.Solutions.Definition;

/// <summary>Writes the package format that <see cref="PackageReader"/> reads (and the schema file describes).</summary>
public static class PackageWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Write(SolutionPackage package)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", SolutionPackage.Format);
            w.WriteNumber("formatVersion", SolutionPackage.FormatVersion);
            w.WriteString("name", package.Name);
            if (package.Description is not null) w.WriteString("description", package.Description);
            if (package.Tags.Count > 0) Strings(w, "tags", package.Tags);
            if (package.Source is { } source)
            {
                w.WriteStartObject("source");
                if (source.Organization is not null) w.WriteString("organization", source.Organization);
                if (source.Recipe is not null) w.WriteString("recipe", source.Recipe);
                if (source.Version is not null) w.WriteNumber("version", source.Version.Value);
                w.WriteEndObject();
            }

            Body(w, package.Definition);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A definition as stored in a version: the package format with a placeholder name.</summary>
    public static string WriteDefinition(SolutionDefinition definition) =>
        Write(new SolutionPackage { Name = "definition", Definition = definition });

    private static void Body(Utf8JsonWriter w, SolutionDefinition definition)
    {
        w.WriteStartArray("tables");
        foreach (var table in definition.Tables)
        {
            w.WriteStartObject();
            w.WriteString("key", table.Key);
            w.WriteString("name", table.Name);
            w.WriteStartArray("fields");
            foreach (var field in table.Fields)
            {
                w.WriteStartObject();
                w.WriteString("key", field.Key);
                w.WriteString("name", field.Name);
                w.WriteString("type", FieldTypeNames.NameOf(field.Type));
                if (field.Required) w.WriteBoolean("required", true);
                if (field.Options is not null && field.Type == FieldType.Choice) Strings(w, "options", field.Options);
                if (field.Currency is not null && field.Type == FieldType.Money) w.WriteString("currency", field.Currency);
                if (field.Table is not null && field.Type == FieldType.Link) w.WriteString("table", field.Table);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (table.Views.Count > 0)
            {
                w.WriteStartArray("views");
                foreach (var view in table.Views)
                {
                    w.WriteStartObject();
                    w.WriteString("key", view.Key);
                    w.WriteString("name", view.Name);
                    Strings(w, "columns", view.Columns);
                    if (view.Sort is not null)
                    {
                        w.WriteStartObject("sort");
                        w.WriteString("field", view.Sort.Field);
                        if (view.Sort.Descending) w.WriteBoolean("descending", true);
                        w.WriteEndObject();
                    }

                    if (view.Filters.Count > 0)
                    {
                        w.WriteStartArray("filters");
                        foreach (var filter in view.Filters)
                        {
                            w.WriteStartObject();
                            w.WriteString("field", filter.Field);
                            w.WriteString("op", FieldTypeNames.NameOf(filter.Op));
                            if (filter.Value is not null) w.WriteString("value", filter.Value);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (definition.Rules.Count == 0) return;
        w.WriteStartArray("rules");
        foreach (var rule in definition.Rules)
        {
            w.WriteStartObject();
            w.WriteString("key", rule.Key);
            w.WriteString("name", rule.Name);
            w.WriteString("table", rule.Table);
            w.WriteString("trigger", FieldTypeNames.NameOf(rule.Trigger));
            if (rule.When is not null)
            {
                w.WriteStartObject("when");
                w.WriteString("field", rule.When.Field);
                w.WriteString("equals", rule.When.Value);
                w.WriteEndObject();
            }

            w.WriteStartObject("action");
            w.WriteString("type", FieldTypeNames.NameOf(rule.Action.Type));
            void Optional(string name, string? value)
            {
                if (value is not null) w.WriteString(name, value);
            }

            Optional("toField", rule.Action.ToField);
            Optional("to", rule.Action.To);
            Optional("subject", rule.Action.Subject);
            Optional("body", rule.Action.Body);
            Optional("field", rule.Action.Field);
            Optional("value", rule.Action.Value);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
