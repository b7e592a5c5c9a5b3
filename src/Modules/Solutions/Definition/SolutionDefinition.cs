using System.Text.Json.Serialization;

namespace PartnerPortal.Solutions.Definition;

/// <summary>The field types a solution table can have (S1). The JSON names are the package format's.</summary>
public enum FieldType
{
    Text,
    LongText,
    Number,
    Money,
    Date,
    DateTime,
    Choice,
    Checkbox,
    Email,
    Phone,
    Url,
    Link,
}

/// <summary>
/// What a solution is: tables, their fields and views, and automation rules. Stored as JSON in each
/// version; always produced by <see cref="PackageReader"/>, so every definition in the database passed validation.
/// </summary>
public sealed class SolutionDefinition
{
    public List<TableDefinition> Tables { get; set; } = [];

    public List<AutomationRule> Rules { get; set; } = [];

    public TableDefinition? Table(string key) => Tables.FirstOrDefault(t => t.Key == key);
}

public sealed class TableDefinition
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public List<FieldDefinition> Fields { get; set; } = [];

    public List<ViewDefinition> Views { get; set; } = [];

    public FieldDefinition? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}

public sealed class FieldDefinition
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public FieldType Type { get; set; }

    public bool Required { get; set; }

    /// <summary>The choices of a <see cref="FieldType.Choice"/> field.</summary>
    public List<string>? Options { get; set; }

    /// <summary>ISO 4217 code a <see cref="FieldType.Money"/> amount is in unless the value names another.</summary>
    public string? Currency { get; set; }

    /// <summary>The table key a <see cref="FieldType.Link"/> field points to.</summary>
    public string? Table { get; set; }
}

public sealed class ViewDefinition
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public List<string> Columns { get; set; } = [];

    public ViewSort? Sort { get; set; }

    public List<ViewFilter> Filters { get; set; } = [];
}

public sealed record ViewSort(string Field, bool Descending = false);

public enum FilterOperator
{
    Equals,
    Contains,
    GreaterThan,
    LessThan,
    IsEmpty,
    IsNotEmpty,
}

public sealed record ViewFilter(string Field, FilterOperator Op, string? Value);

public enum RuleTrigger
{
    Created,
    Changed,
    CreatedOrChanged,
}

public enum RuleActionType
{
    Email,
    SetField,
}

/// <summary>"When a record is created or changed [and a field matches], then e-mail or set a field."</summary>
public sealed class AutomationRule
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string Table { get; set; }

    public RuleTrigger Trigger { get; set; }

    public RuleCondition? When { get; set; }

    public required RuleAction Action { get; set; }
}

public sealed record RuleCondition(string Field, string Value);

public sealed class RuleAction
{
    public RuleActionType Type { get; set; }

    /// <summary>E-mail: the record's e-mail field to write to, or <see cref="To"/>.</summary>
    public string? ToField { get; set; }

    public string? To { get; set; }

    /// <summary>Scriban templates over the record's field keys.</summary>
    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>Set field: which field, and the value as a person would type it.</summary>
    public string? Field { get; set; }

    public string? Value { get; set; }
}

/// <summary>Where a copy came from (S4): shown on the copy, never used to reach back into the source.</summary>
public sealed record PackageSource(string? Organization, string? Recipe, int? Version);

/// <summary>An exported solution: its definition and what to call it.</summary>
public sealed class SolutionPackage
{
    public const string Format = "partnerportal-solution";
    public const int FormatVersion = 1;

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<string> Tags { get; set; } = [];

    public PackageSource? Source { get; set; }

    public required SolutionDefinition Definition { get; set; }
}

internal static class FieldTypeNames
{
    public static readonly IReadOnlyDictionary<string, FieldType> ByName = Enum.GetValues<FieldType>()
        .ToDictionary(NameOf, t => t, StringComparer.Ordinal);

    public static string NameOf(FieldType type) => JsonNamingPolicy(type.ToString());

    public static string NameOf<T>(T value) where T : struct, Enum => JsonNamingPolicy(value.ToString());

    public static string JsonNamingPolicy(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [JsonIgnore]
    public static string AllTypes => string.Join(", ", ByName.Keys);
}
