using System.Text;

namespace PartnerPortal.Solutions.Records;

/// <summary>RFC 4180 CSV: reading with quotes and embedded line breaks, writing with spreadsheet-formula neutralization.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text, int maxRows, out string? problem)
    {
        problem = null;
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        text = text.TrimStart('\uFEFF');
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    if (!(row.Count == 1 && row[0].Length == 0)) rows.Add(row);
                    row = [];
                    if (rows.Count > maxRows)
                    {
                        problem = $"The file has more than {maxRows:N0} rows; split it.";
                        return rows;
                    }

                    break;
                default:
                    cell.Append(c);
                    break;
            }

            i++;
        }

        if (quoted) problem = "A quoted cell is never closed.";
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A cell that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
