using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerPortal.Solutions.Definition;

/// <summary>
/// How a person's input becomes a stored value for each field type, and back. Forms, CSV import
/// and "set a field" rules all parse through here, so they accept and refuse the same things.
/// </summary>
public static class FieldValues
{
    public const int MaxTextLength = 1000;
    public const int MaxLongTextLength = 20_000;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Parses <paramref name="input"/>; empty input is a null value (refused when the field is required).</summary>
    public static bool TryParse(FieldDefinition field, string? input, out JsonNode? value, out string? problem)
    {
        value = null;
        problem = null;
        input = input?.Trim();
        if (string.IsNullOrEmpty(input))
        {
            if (field.Type == FieldType.Checkbox)
            {
                value = JsonValue.Create(false);
                return true;
            }

            if (field.Required) problem = $"{field.Name} is required.";
            return problem is null;
        }

        switch (field.Type)
        {
            case FieldType.Text:
            case FieldType.Phone:
                if (input.Length > MaxTextLength) problem = $"{field.Name} is longer than {MaxTextLength} characters.";
                else if (input.Contains('\n', StringComparison.Ordinal)) problem = $"{field.Name} must be one line.";
                else if (field.Type == FieldType.Phone && !input.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/'))
                    problem = $"{field.Name} must be a phone number (digits, spaces, + - ( ) only).";
                else value = JsonValue.Create(input);
                break;
            case FieldType.LongText:
                if (input.Length > MaxLongTextLength) problem = $"{field.Name} is longer than {MaxLongTextLength:N0} characters.";
                else value = JsonValue.Create(input);
                break;
            case FieldType.Number:
                if (decimal.TryParse(input, NumberStyles.Number, Invariant, out var number)) value = JsonValue.Create(number);
                else problem = $"{field.Name} must be a number such as 12 or 12.5.";
                break;
            case FieldType.Money:
                var parts = input.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var currency = parts.Length == 2 ? parts[1].ToUpperInvariant() : field.Currency ?? "EUR";
                if (parts.Length is < 1 or > 2 || !decimal.TryParse(parts[0], NumberStyles.Number, Invariant, out var amount) || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                    problem = $"{field.Name} must be an amount such as 49.90 or 49.90 {field.Currency ?? "EUR"}.";
                else if (decimal.Round(amount, 2) != amount) problem = $"{field.Name} has more than two decimals.";
                else value = new JsonObject { ["amount"] = amount, ["currency"] = currency };
                break;
            case FieldType.Date:
                if (DateOnly.TryParseExact(input, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date)) value = JsonValue.Create(date.ToString("yyyy-MM-dd", Invariant));
                else problem = $"{field.Name} must be a date as yyyy-mm-dd.";
                break;
            case FieldType.DateTime:
                if (DateTime.TryParseExact(input, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"], Invariant, DateTimeStyles.None, out var at))
                    value = JsonValue.Create(at.ToString("yyyy-MM-ddTHH:mm", Invariant));
                else problem = $"{field.Name} must be a date and time as yyyy-mm-dd hh:mm.";
                break;
            case FieldType.Choice:
                var option = field.Options?.FirstOrDefault(o => string.Equals(o, input, StringComparison.OrdinalIgnoreCase));
                if (option is null) problem = $"{field.Name} must be one of: {string.Join(", ", field.Options ?? [])}.";
                else value = JsonValue.Create(option);
                break;
            case FieldType.Checkbox:
                if (input is "true" or "on" or "yes" or "1" or "True" or "Yes") value = JsonValue.Create(true);
                else if (input is "false" or "off" or "no" or "0" or "False" or "No") value = JsonValue.Create(false);
                else problem = $"{field.Name} must be yes or no.";
                break;
            case FieldType.Email:
                if (EmailAddress.IsValid(input)) value = JsonValue.Create(input);
                else problem = $"{field.Name} must be an e-mail address such as name@example.com.";
                break;
            case FieldType.Url:
                if (input.Length <= 2000 && Uri.TryCreate(input, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                    value = JsonValue.Create(uri.ToString());
                else problem = $"{field.Name} must be a web address starting with https://.";
                break;
            case FieldType.Link:
                if (Guid.TryParse(input, out var id)) value = JsonValue.Create(id.ToString());
                else problem = $"{field.Name} must name a record of {field.Table}.";
                break;
        }

        return problem is null;
    }

    /// <summary>The value as a person reads and types it (forms, CSV, e-mail templates).</summary>
    public static string Display(FieldDefinition field, JsonNode? value)
    {
        if (value is null) return string.Empty;
        return field.Type switch
        {
            FieldType.Money when value is JsonObject money =>
                $"{money["amount"]?.GetValue<decimal>().ToString("0.00", Invariant)} {money["currency"]?.GetValue<string>()}",
            FieldType.Checkbox => value.GetValueKind() == System.Text.Json.JsonValueKind.True ? "yes" : "no",
            FieldType.Number => value.GetValue<decimal>().ToString(Invariant),
            _ => value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
        };
    }

    /// <summary>
    /// A string whose ordinal order is the value's order, so one indexed column sorts and keyset-pages
    /// every type: numbers as fixed-width digits with an offset, dates as ISO text, text case-folded.
    /// </summary>
    public static string SortKey(FieldDefinition field, JsonNode? value)
    {
        if (value is null) return string.Empty;
        switch (field.Type)
        {
            case FieldType.Number:
                return NumberKey(value.GetValue<decimal>());
            case FieldType.Money when value is JsonObject money:
                return NumberKey(money["amount"]!.GetValue<decimal>());
            case FieldType.Checkbox:
                return value.GetValueKind() == System.Text.Json.JsonValueKind.True ? "1" : "0";
            default:
                var text = Display(field, value).ToLowerInvariant();
                return text.Length > 80 ? text[..80] : text;
        }
    }

    /// <summary>Numbers from -10^15 to 10^15 as 32 sortable digits (sign, integer part, four decimals).</summary>
    public static string NumberKey(decimal number)
    {
        number = Math.Clamp(decimal.Round(number, 4), -999_999_999_999_999m, 999_999_999_999_999m);
        var shifted = (number + 1_000_000_000_000_000m) * 10_000m;
        return "n" + shifted.ToString("00000000000000000000", Invariant);
    }
}
