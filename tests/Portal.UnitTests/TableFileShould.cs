using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PartnerPortal.Files;

namespace PartnerPortal.UnitTests;

/// <summary>Issue 13: the kernel's table files, read and written through CsvHelper and the Open XML SDK.</summary>
public sealed class TableFileShould
{
    [Fact]
    public void StopReadingAFullSheetAtTheRowLimit()
    {
        var rows = 0;
        var error = Assert.Throws<TableFileException>(() =>
        {
            foreach (var _ in TableFileReader.Rows(FullSheet(), 100_000)) rows++;
        });
        Assert.Equal("The file has more than 100,000 rows; split it.", error.Message);
        Assert.Equal(100_001, rows);
    }

    [Fact]
    public async Task WriteAWorkbookThatReadsBackCellForCell()
    {
        using var file = new MemoryStream();
        await using (var writer = TableFileWriter.Create(file, TableFileFormat.Xlsx, "Patients"))
        {
            await writer.WriteRowAsync(["Name", "Note"], CancellationToken.None);
            await writer.WriteRowAsync(["=1+2", "line\u0001one"], CancellationToken.None);
        }

        Assert.Equal([["Name", "Note"], ["=1+2", "lineone"]], TableFileReader.Rows(file.ToArray(), 10).ToList());
    }

    /// <summary>
    /// The workbook is zipped part by part without the SDK's package (which would hold the sheet in
    /// memory): the SDK must still open it as a spreadsheet and find nothing invalid in it.
    /// </summary>
    [Fact]
    public async Task WriteAWorkbookTheOpenXmlSdkOpensAndValidates()
    {
        using var file = new MemoryStream();
        await using (var writer = TableFileWriter.Create(file, TableFileFormat.Xlsx, "Patients & <visits> of a clinic with a long name"))
        {
            await writer.WriteRowAsync(["Name", "Visits"], CancellationToken.None);
            for (var i = 0; i < 1_000; i++) await writer.WriteRowAsync([$"Patient {i}", $"{i % 7}"], CancellationToken.None);
        }

        file.Position = 0;
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Patients & <visits> of a clinic", sheet.Name!.Value);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(1_001, rows.Count);
        Assert.Equal("Patient 999", rows[^1].Elements<Cell>().First().InnerText);
    }

    public static TheoryData<string, byte[], string> BadWorkbooks() => new()
    {
        { "a zip bomb (a sheet that unpacks 1,000 times larger)", Zip(("xl/worksheets/sheet1.xml", new byte[8 * 1024 * 1024])), "zip bomb" },
        { "a zip with no workbook in it", Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"))), "is not an Excel workbook (.xlsx) that can be read" },
        { "a damaged zip", [(byte)'P', (byte)'K', 3, 4, .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 31))], "is not an Excel workbook (.xlsx) that can be read" },
        { "a workbook without sheets", EmptyWorkbook(), "The workbook has no sheets." },
        { "shared strings out of range", SharedStringsOutOfRange(), "Row 2, cell A2: the cell refers to text the workbook does not contain." },
    };

    [Theory]
    [MemberData(nameof(BadWorkbooks), DisableDiscoveryEnumeration = true)]
    public void RefuseABadWorkbookWithAClearMessage(string kind, byte[] file, string message)
    {
        var error = Assert.Throws<TableFileException>(() => TableFileReader.Rows(file, 100_000).ToList());
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{kind}: {error.Message}");
    }

    private static byte[] EmptyWorkbook()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.AddWorkbookPart().Workbook = new Workbook(new Sheets());
        }

        return stream.ToArray();
    }

    private static byte[] SharedStringsOutOfRange()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("Name")));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell(new CellValue("0")) { DataType = CellValues.SharedString, CellReference = "A1" }) { RowIndex = 1 },
                new Row(new Cell(new CellValue("7")) { DataType = CellValues.SharedString, CellReference = "A2" }) { RowIndex = 2 }));
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Patients", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }

        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A sheet with every row Excel allows (1,048,576), written streamed as the exports write.</summary>
    private static byte[] FullSheet()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(new Row(new Cell(new InlineString(new Text("Name"))) { DataType = CellValues.InlineString }) { RowIndex = 1 });
                for (uint r = 2; r <= 1_048_576; r++) writer.WriteElement(new Row(new Cell(new CellValue("7"))) { RowIndex = r });
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Full", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }

        return stream.ToArray();
    }
}
