using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnerPortal.Files;

/// <summary>A file that cannot be read as a table; the message tells the user what to do.</summary>
public sealed class TableFileException(string message) : Exception(message);

/// <summary>
/// Reads an uploaded table (CSV through CsvHelper, .xlsx through the Open XML SDK's streaming
/// <see cref="OpenXmlReader"/>) row by row, the header first. Nothing but the current row is
/// held, so a file of 100,000 rows costs what one of ten does; limits are checked as rows are read,
/// and bad files end the enumeration with a <see cref="TableFileException"/>.
/// </summary>
public static class TableFileReader
{
    /// <summary>Decompressed size a workbook may claim in all (a zip bomb claims gigabytes).</summary>
    public const long MaxWorkbookBytes = 256L * 1024 * 1024;

    /// <summary>Largest ratio of decompressed to stored size of one part: real sheets compress 5-50×, bombs 1,000× and more.</summary>
    public const int MaxCompressionRatio = 200;

    /// <summary>The rows of <paramref name="content"/>, header included; empty rows are skipped.</summary>
    public static IEnumerable<string[]> Rows(byte[] content, int maxDataRows)
    {
        var rows = TableFileFormats.Detect(content) == TableFileFormat.Xlsx ? XlsxRows(content) : CsvRows(content);
        var count = 0;
        foreach (var row in rows)
        {
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            // The header is a row too: only data rows count against the limit.
            if (++count > maxDataRows + 1) throw new TableFileException($"The file has more than {maxDataRows:N0} rows; split it.");
            yield return row;
        }
    }

    private static IEnumerable<string[]> CsvRows(byte[] content)
    {
        // CsvHelper reads bytes as UTF-8; say so before it would turn broken bytes into question marks.
        var body = content.AsSpan().StartsWith("\uFEFF"u8) ? content.AsSpan(3) : content;
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw new TableFileException("The file is not UTF-8 text. Save it as \"CSV UTF-8\" (or as an Excel workbook) and try again.");
        var unclosed = false;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            MaxRecordSize = 8 * 1024 * 1024,
            OnMalformedRecord = record => unclosed |= record.Reason == CsvMalformedReason.UnterminatedQuote,
        };
        using var reader = CsvReader.Create(content, options);
        while (true)
        {
            try
            {
                if (!reader.Read()) break;
            }
            catch (CsvFormatException)
            {
                throw new TableFileException("A row of the file is larger than 8 MB, or its quotes never close; check the file.");
            }

            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            if (unclosed) throw new TableFileException("A quoted cell is never closed.");
            yield return row;
        }

        if (unclosed) throw new TableFileException("A quoted cell is never closed.");
    }

    private static IEnumerable<string[]> XlsxRows(byte[] content)
    {
        CheckPackage(content);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, new OpenSettings { MaxCharactersInPart = MaxWorkbookBytes });
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
        {
            throw NotAWorkbook();
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw NotAWorkbook();
            var sheet = FirstSheet(workbook) ?? throw new TableFileException("The workbook has no sheets. Save it again in Excel and try again.");
            var strings = SharedStrings(workbook);
            using var reader = Read(sheet);
            var row = new List<string>();
            var rowNumber = 0;
            while (Next(reader))
            {
                if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                {
                    row.Clear();
                    rowNumber++;
                }
                else if (reader.ElementType == typeof(Row) && reader.IsEndElement)
                {
                    yield return [.. row];
                }
                else if (reader.ElementType == typeof(Cell) && reader.IsStartElement)
                {
                    var cell = (Cell)Load(reader);
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : row.Count;
                    if (column < 0 || column > 16_383) throw new TableFileException($"Row {rowNumber} has a cell outside the sheet's 16,384 columns.");
                    while (row.Count < column) row.Add(string.Empty);
                    var value = Text(cell, strings, rowNumber);
                    if (column < row.Count) row[column] = value;
                    else row.Add(value);
                }
            }
        }
    }

    /// <summary>Refuses zip bombs and damaged packages before the SDK decompresses anything.</summary>
    private static void CheckPackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxWorkbookBytes || (entry.Length > 1024 * 1024 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio))
                {
                    throw new TableFileException($"The workbook unpacks to more than a spreadsheet of this size can hold (a \"zip bomb\"); it was not read. Save the sheet as CSV and try again.");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook();
        }
    }

    private static WorksheetPart? FirstSheet(WorkbookPart workbook)
    {
        var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (first?.Id?.Value is not { } id) return null;
        return workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null;
    }

    /// <summary>The workbook's shared strings in order (rich text runs joined), read as a stream.</summary>
    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var reader = Read(part);
        while (Next(reader))
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var item = (SharedStringItem)Load(reader);
                strings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
            }
        }

        return strings;
    }

    private static string Text(Cell cell, List<string> strings, int row)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= strings.Count)
            {
                throw new TableFileException($"Row {row}, cell {cell.CellReference?.Value}: the cell refers to text the workbook does not contain. Save the file again in Excel and try again.");
            }

            return strings[index];
        }

        if (type == CellValues.InlineString) return cell.InlineString?.Text?.Text ?? string.Concat(cell.InlineString?.Elements<Run>().Select(r => r.Text?.Text) ?? []);
        if (type == CellValues.Boolean) return raw == "1" ? "true" : "false";
        return raw;
    }

    /// <summary>"C12" → 2: the column of a cell reference, counted from 0.</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = (index * 26) + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') index = (index * 26) + (c - 'a' + 1);
            else break;
            if (++letters > 3) return -1;
        }

        return index - 1;
    }

    private static OpenXmlReader Read(OpenXmlPart part)
    {
        try
        {
            return OpenXmlReader.Create(part);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or OpenXmlPackageException)
        {
            throw Damaged();
        }
    }

    private static bool Next(OpenXmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or OpenXmlPackageException)
        {
            throw Damaged();
        }
    }

    private static OpenXmlElement Load(OpenXmlReader reader)
    {
        try
        {
            return reader.LoadCurrentElement() ?? throw Damaged();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or OpenXmlPackageException)
        {
            throw Damaged();
        }
    }

    private static TableFileException NotAWorkbook() => new("The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel, save it as \"Excel Workbook\" and try again.");

    private static TableFileException Damaged() => new("The workbook is damaged and cannot be read. Open it in Excel, save it again and try again.");
}
