namespace PartnerPortal.Solutions.Definition;

/// <summary>
/// How a definition reads to a person: field types, filter operators and rule triggers have labels,
/// and a rule is an English sentence naming tables and fields as the builder names them. The
/// package format keeps its own names (<see cref="FieldTypeNames"/>); they never reach a page.
/// </summary>
public static class DefinitionWords
{
    /// <summary>"Long text", "Date and time": for lists a person picks from.</summary>
    public static string Label(FieldType type) => type switch
    {
        FieldType.Text => "Text",
        FieldType.LongText => "Long text",
        FieldType.Number => "Number",
        FieldType.Money => "Money",
        FieldType.Date => "Date",
        FieldType.DateTime => "Date and time",
        FieldType.Choice => "Choice from a list",
        FieldType.Checkbox => "Yes or no",
        FieldType.Email => "E-mail address",
        FieldType.Phone => "Phone number",
        FieldType.Url => "Web address",
        FieldType.Link => "Link to a record of another table",
        _ => type.ToString(),
    };

    /// <summary>The label inside a sentence or parentheses: "Notes (long text)".</summary>
    public static string Lower(FieldType type) => type == FieldType.Email ? "e-mail address" : Label(type).ToLowerInvariant();

    /// <summary>"is greater than", "is not empty".</summary>
    public static string Label(FilterOperator op) => op switch
    {
        FilterOperator.Equals => "is",
        FilterOperator.Contains => "contains",
        FilterOperator.GreaterThan => "is greater than",
        FilterOperator.LessThan => "is less than",
        FilterOperator.IsEmpty => "is empty",
        FilterOperator.IsNotEmpty => "is not empty",
        _ => op.ToString(),
    };

    /// <summary>"created or changed".</summary>
    public static string Label(RuleTrigger trigger) => trigger switch
    {
        RuleTrigger.Created => "created",
        RuleTrigger.Changed => "changed",
        RuleTrigger.CreatedOrChanged => "created or changed",
        _ => trigger.ToString(),
    };

    /// <summary>
    /// "When a record of Appointments is created or changed and Status is Booked, e-mail the address
    /// in E-mail." Keys are replaced by the names the builder shows; a key the definition no longer
    /// has is shown as it is, so nothing is hidden.
    /// </summary>
    public static string Sentence(AutomationRule rule, SolutionDefinition definition)
    {
        var table = definition.Table(rule.Table);
        string FieldName(string? key) => key is null ? string.Empty : table?.Fields.FirstOrDefault(f => f.Key == key)?.Name ?? key;
        var when = rule.When is { } condition ? $" and {FieldName(condition.Field)} is {condition.Value}" : string.Empty;
        var then = rule.Action.Type == RuleActionType.Email
            ? rule.Action.ToField is { Length: > 0 } toField ? $"e-mail the address in {FieldName(toField)}" : $"e-mail {rule.Action.To}"
            : $"set {FieldName(rule.Action.Field)} to {rule.Action.Value}";
        return $"When a record of {table?.Name ?? rule.Table} is {Label(rule.Trigger)}{when}, {then}.";
    }
}
