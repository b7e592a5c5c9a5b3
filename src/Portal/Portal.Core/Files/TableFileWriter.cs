using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using DocumentFormat.OpenXml;
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
    /// One worksheet written with <see cref="OpenXmlWriter"/> while rows arrive, into a zip opened in
    /// create mode: each part is compressed to a temporary file as it is written, and the file is copied
    /// to the output at the end (the output may be a response body, which takes no synchronous writes).
    /// The SDK's own package (System.IO.Packaging) is not used for writing: it opens its zip in update
    /// mode, where every part is held uncompressed in memory until the package closes (dotnet/runtime
    /// #1544, Open-XML-SDK #807), some 50 MB for 100,000 rows. The package's four small parts (content
    /// types, relationships, the workbook naming the sheet) are written first, as the SDK would.
    /// </summary>
    private sealed class XlsxTableWriter : TableFileWriter
    {
        private const string SheetPath = "xl/worksheets/sheet1.xml";
        private const string RelationshipId = "rId1";

        private readonly Stream _output;
        private readonly FileStream _file;
        private readonly ZipArchive _zip;
        private readonly Stream _sheet;
        private readonly OpenXmlWriter _writer;
        private int _row;

        public XlsxTableWriter(Stream output, string sheetName)
        {
            _output = output;
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
            WritePart("[Content_Types].xml", xml =>
            {
                xml.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
                ContentType(xml, "Default", "Extension", "rels", "application/vnd.openxmlformats-package.relationships+xml");
                ContentType(xml, "Default", "Extension", "xml", "application/xml");
                ContentType(xml, "Override", "PartName", "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                ContentType(xml, "Override", "PartName", "/" + SheetPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            });
            WritePart("_rels/.rels", xml => Relationship(xml, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"));
            WritePart("xl/_rels/workbook.xml.rels", xml => Relationship(xml, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml"));
            using (var workbook = _zip.CreateEntry("xl/workbook.xml").Open())
            {
                new Workbook(new Sheets(new Sheet { Name = sheetName.Length > 31 ? sheetName[..31] : sheetName, SheetId = 1, Id = RelationshipId })).Save(workbook);
            }

            _sheet = _zip.CreateEntry(SheetPath).Open();
            _writer = OpenXmlWriter.Create(_sheet);
            _writer.WriteStartDocument();
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
            await _sheet.DisposeAsync();
            _zip.Dispose();
            _file.Position = 0;
            await _file.CopyToAsync(_output);
            await _output.FlushAsync();
            await _file.DisposeAsync();
        }

        private void WritePart(string path, Action<XmlWriter> write)
        {
            using var part = _zip.CreateEntry(path).Open();
            using var xml = XmlWriter.Create(part, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
            xml.WriteStartDocument(standalone: true);
            write(xml);
            xml.WriteEndDocument();
        }

        private static void ContentType(XmlWriter xml, string element, string keyName, string key, string contentType)
        {
            xml.WriteStartElement(element, "http://schemas.openxmlformats.org/package/2006/content-types");
            xml.WriteAttributeString(keyName, key);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }

        /// <summary>A relationships part with its one relationship, <c>rId1</c>.</summary>
        private static void Relationship(XmlWriter xml, string type, string target)
        {
            const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
            xml.WriteStartElement("Relationships", Relationships);
            xml.WriteStartElement("Relationship", Relationships);
            xml.WriteAttributeString("Id", RelationshipId);
            xml.WriteAttributeString("Type", type);
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
            xml.WriteEndElement();
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
