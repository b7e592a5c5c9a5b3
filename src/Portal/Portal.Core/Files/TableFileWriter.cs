using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnerPortal.Files;

/// <summary>
/// Writes rows of text straight to a stream as CSV (CsvHelper) or as an .xlsx workbook (the Open
/// XML SDK's streaming <see cref="OpenXmlWriter"/>), row by row: memory stays flat however many
/// rows there are. No cell is ever a formula: CSV cells that a spreadsheet would run get a leading
/// quote (CsvHelper's <c>CsvInjection.Escape</c>: = + - @, tab, CR, as OWASP lists them), .xlsx cells
/// are inline strings.
/// </summary>
public abstract class TableFileWriter : IAsyncDisposable
{
    public static TableFileWriter Create(Stream output, TableFileFormat format, string sheetName) =>
        format == TableFileFormat.Csv ? new CsvTableWriter(output) : new XlsxTableWriter(output, sheetName);

    public abstract ValueTask WriteRowAsync(IReadOnlyList<string> cells, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    private sealed class CsvTableWriter(Stream output) : TableFileWriter
    {
        // Every cell quoted and a byte order mark: Excel then opens the file as UTF-8 text, column by column.
        private readonly CsvWriter _writer = CsvWriter.Create(output, CsvWriterOptions.Default with
        {
            Quoting = CsvQuoting.Always,
            Injection = CsvInjection.Escape,
            WriteByteOrderMark = true,
            ValidateFieldCount = false,
            BufferSize = 16 * 1024,
        }, leaveOpen: true);

        public override async ValueTask WriteRowAsync(IReadOnlyList<string> cells, CancellationToken cancellationToken) =>
            await _writer.WriteRecordAsync(cells as string[] ?? [.. cells], cancellationToken);

        public override async ValueTask DisposeAsync()
        {
            await _writer.FlushAsync(CancellationToken.None);
            await _writer.DisposeAsync();
        }
    }

    /// <summary>
    /// One worksheet written with <see cref="OpenXmlWriter"/> while rows arrive, then the workbook
    /// part that names it. The package is written to a temporary file and copied to the output at
    /// the end: the packaging layer needs a seekable stream, and a file keeps memory flat.
    /// </summary>
    private sealed class XlsxTableWriter : TableFileWriter
    {
        private readonly Stream _output;
        private readonly FileStream _file;
        private readonly SpreadsheetDocument _document;
        private readonly WorkbookPart _workbook;
        private readonly WorksheetPart _sheet;
        private readonly OpenXmlWriter _writer;
        private readonly string _sheetName;
        private int _row;

        public XlsxTableWriter(Stream output, string sheetName)
        {
            _output = output;
            _sheetName = sheetName.Length > 31 ? sheetName[..31] : sheetName;
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            _document = SpreadsheetDocument.Create(_file, SpreadsheetDocumentType.Workbook);
            _workbook = _document.AddWorkbookPart();
            _sheet = _workbook.AddNewPart<WorksheetPart>();
            _writer = OpenXmlWriter.Create(_sheet);
            _writer.WriteStartElement(new Worksheet());
            _writer.WriteStartElement(new SheetData());
        }

        public override ValueTask WriteRowAsync(IReadOnlyList<string> cells, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _row++;
            var row = _row.ToString(CultureInfo.InvariantCulture);
            _writer.WriteStartElement(new Row { RowIndex = (uint)_row });
            for (var i = 0; i < cells.Count; i++)
            {
                // An inline string is text, whatever it starts with: a cell never holds a formula.
                _writer.WriteElement(new Cell(new InlineString(new Text(XmlSafe(cells[i])) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = Column(i) + row,
                    DataType = CellValues.InlineString,
                });
            }

            _writer.WriteEndElement();
            return ValueTask.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            _writer.WriteEndElement();
            _writer.WriteEndElement();
            _writer.Close();
            _workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = _sheetName, SheetId = 1, Id = _workbook.GetIdOfPart(_sheet) }));
            _workbook.Workbook.Save();
            _document.Dispose();
            _file.Position = 0;
            await _file.CopyToAsync(_output);
            await _output.FlushAsync();
            await _file.DisposeAsync();
        }

        /// <summary>A, B, … Z, AA, AB, …: the column letters of a cell reference.</summary>
        internal static string Column(int index)
        {
            var name = string.Empty;
            for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
            return name;
        }

        // Control characters other than tab, CR and LF are not allowed in XML 1.0.
        private static string XmlSafe(string value) =>
            value.Any(c => c < 0x20 && c is not '\t' and not '\r' and not '\n') ? new string(value.Where(c => c >= 0x20 || c is '\t' or '\r' or '\n').ToArray()) : value;
    }
}
