namespace PartnerPortal.Resellers.Exports;

/// <summary>
/// Spreadsheet formula injection guard (R10, OWASP "CSV injection"): a cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR is prefixed with a quote, so no spreadsheet runs it.
/// </summary>
public static class SafeCell
{
    public static string Neutralize(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty
        : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value
        : value;
}
