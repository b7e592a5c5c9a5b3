using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers.Exports;

/// <summary>
/// Writes the client list as CSV or as an .xlsx workbook straight to a stream, row by row as the
/// rows are read (R10): memory stays flat however many clients there are. Every cell is text
/// (CSV neutralized by <see cref="SafeCell"/>; .xlsx cells are inline strings, never formulas).
/// </summary>
public static class ClientExport
{
    /// <summary>Header and cells of one client; price columns only when <paramref name="withPrices"/>.</summary>
    public static IReadOnlyList<string> Header(bool withPrices) =>
        withPrices
            ? ["Name", "Hosts", "Plan", "Status", "Records", "Record limit", "Members", "Member limit", "Custom domains", "Domain limit", "Currency", "List price", "Your cost", "Your price", "Your price kind", "Last activity (UTC)", "Created (UTC)"]
            : ["Name", "Hosts", "Plan", "Status", "Records", "Record limit", "Members", "Member limit", "Custom domains", "Domain limit", "Last activity (UTC)", "Created (UTC)"];

    public static IReadOnlyList<string> Cells(ClientLine line, bool withPrices)
    {
        var cells = new List<string>
        {
            line.Name,
            string.Join(" ", line.Hosts),
            line.PlanName,
            ClientStatusText.Of(line),
            Number(line.Records),
            Limit(line.RecordLimit),
            Number(line.Members),
            Limit(line.MemberLimit),
            Number(line.Domains),
            Limit(line.DomainLimit),
        };
        if (withPrices)
        {
            cells.Add(line.Currency);
            cells.Add(Money(line.ListPrice));
            cells.Add(Money(line.ResellerCost));
            cells.Add(line.ResellerPrice is null ? string.Empty : $"{Money(line.ResellerPrice)} {line.ResellerPriceCurrency}".Trim());
            cells.Add(line.ResellerPrice is null ? string.Empty : line.ResellerPriceKind?.ToString().ToLowerInvariant() ?? string.Empty);
        }

        cells.Add(line.LastActiveAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty);
        cells.Add(line.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return cells;
    }

    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<ClientLine> lines, bool withPrices, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvLine(Header(withPrices)));
        var count = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(CsvLine(Cells(line, withPrices)));
            if (++count % 500 == 0) await writer.FlushAsync(cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string CsvLine(IEnumerable<string> cells) =>
        string.Join(",", cells.Select(c => "\"" + SafeCell.Neutralize(c).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n";

    /// <summary>
    /// A minimal SpreadsheetML package (content types, relationships, workbook, one sheet) written
    /// into a <see cref="ZipArchive"/> on the output. The sheet is one streamed XML entry.
    /// </summary>
    public static async Task WriteXlsxAsync(Stream output, IAsyncEnumerable<ClientLine> lines, bool withPrices, CancellationToken cancellationToken)
    {
        // ZipArchive in Create mode writes entries in order and needs no seeking, so it can target the response body.
        await using (var zip = new ZipArchive(new NonSeekable(output), ZipArchiveMode.Create, leaveOpen: true))
        {
            Static(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Static(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Static(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Static(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");

            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            await using var sheet = await entry.OpenAsync(cancellationToken);
            await using var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), CheckCharacters = false });
            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            await xml.WriteStartDocumentAsync(standalone: true);
            await xml.WriteStartElementAsync(null, "worksheet", ns);
            await xml.WriteStartElementAsync(null, "sheetData", ns);
            var row = 1;
            await WriteRowAsync(xml, row++, Header(withPrices));
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                await WriteRowAsync(xml, row++, Cells(line, withPrices));
                if (row % 500 == 0) await xml.FlushAsync();
            }

            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
            await xml.FlushAsync();
        }

        await output.FlushAsync(cancellationToken);
    }

    private static async Task WriteRowAsync(XmlWriter xml, int row, IReadOnlyList<string> cells)
    {
        await xml.WriteStartElementAsync(null, "row", null);
        await xml.WriteAttributeStringAsync(null, "r", null, row.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < cells.Count; i++)
        {
            // t="inlineStr": the value is text, whatever it starts with; a cell never holds an <f> (formula).
            await xml.WriteStartElementAsync(null, "c", null);
            await xml.WriteAttributeStringAsync(null, "r", null, Column(i) + row.ToString(CultureInfo.InvariantCulture));
            await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
            await xml.WriteStartElementAsync(null, "is", null);
            await xml.WriteStartElementAsync(null, "t", null);
            await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
            await xml.WriteStringAsync(XmlSafe(cells[i]));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static void Static(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + (index / 26) - 1)}{(char)('A' + (index % 26))}";

    // Control characters other than tab, CR and LF are not allowed in XML 1.0.
    private static string XmlSafe(string value) =>
        value.Any(c => c < 0x20 && c is not '\t' and not '\r' and not '\n') ? new string(value.Where(c => c >= 0x20 || c is '\t' or '\r' or '\n').ToArray()) : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Limit(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";

    private static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The response body reports CanSeek = false already; this keeps ZipArchive from asking Position on streams that throw.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            _written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

/// <summary>How a status reads on the dashboard and in exports.</summary>
public static class ClientStatusText
{
    public static string Of(ClientLine line) => Billing.AccountStatusText.Of(line.Status,
        Billing.AccountStatusText.AboveALimit(line.Records, line.RecordLimit, line.Members, line.MemberLimit, line.Domains, line.DomainLimit)).ToLowerInvariant();
}
