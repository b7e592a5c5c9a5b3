namespace PartnerPortal.Files;

/// <summary>The two file formats a table of rows travels in: CSV (UTF-8) and an Excel workbook (.xlsx).</summary>
public enum TableFileFormat
{
    Csv,
    Xlsx,
}

public static class TableFileFormats
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ContentType(this TableFileFormat format) => format == TableFileFormat.Csv ? CsvContentType : XlsxContentType;

    public static string Extension(this TableFileFormat format) => format == TableFileFormat.Csv ? "csv" : "xlsx";

    /// <summary>"csv" or "xlsx" as in a download's address; null for anything else.</summary>
    public static TableFileFormat? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "csv" => TableFileFormat.Csv,
        "xlsx" => TableFileFormat.Xlsx,
        _ => null,
    };

    /// <summary>An .xlsx file is a zip package: its first bytes say so whatever the file is called.</summary>
    public static TableFileFormat Detect(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4 ? TableFileFormat.Xlsx : TableFileFormat.Csv;
}
