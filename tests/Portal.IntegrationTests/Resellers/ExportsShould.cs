using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R10, A1: the client list downloads as CSV and .xlsx, with no cell a spreadsheet could run, audited.</summary>
public sealed class ExportsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task DownloadTheClientsAsCsvWithFormulasNeutralized()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await World.CreateOrganizationAsync("=HYPERLINK(\"http://evil.test\",\"x\")", reseller: world.Reseller);
        await World.CreateOrganizationAsync("@SUM(A1)", reseller: world.Reseller);
        await ResellerWorld.SubscribeAsync(World, world.Second, Plan.Seeded.ProId, resellerPrice: 149m);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var response = await admin.GetAsync("/clients/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"Name\",\"Hosts\",\"Plan\",\"Status\"", lines[0]);
        Assert.Contains("\"List price\",\"Your cost\",\"Your price\"", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'@SUM(A1)\"", StringComparison.Ordinal));
        var beta = lines.Single(l => l.StartsWith("\"Beta Fitness\"", StringComparison.Ordinal));
        Assert.Contains("\"Pro\",\"paid\"", beta);
        Assert.Contains("\"99.00\",\"79.20\",\"149.00 USD\"", beta);
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l.Split(','), c => c.StartsWith("\"=", StringComparison.Ordinal) || c.StartsWith("\"+", StringComparison.Ordinal) || c.StartsWith("\"@", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("Gamma Not Yours", StringComparison.Ordinal));

        var audit = await World.InTenantAsync(world.Reseller, db => db.AuditEntries.SingleAsync(a => a.Action == "clients.exported"));
        Assert.Equal(world.Admin.Email, audit.UserEmail);
        Assert.StartsWith("csv", audit.Detail);
    }

    [Fact]
    public async Task DownloadTheClientsAsAWorkbookOfInlineStringsOnly()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await World.CreateOrganizationAsync("=1+2", reseller: world.Reseller);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var response = await admin.GetAsync("/clients/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var sheetStream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var sheet = XDocument.Load(sheetStream);
        var rows = sheet.Descendants(Main + "row").Select(r => r.Elements(Main + "c").Select(c => c.Value).ToList()).ToList();
        Assert.Equal("Name", rows[0][0]);
        // An inline string is text however it starts: Excel shows "=1+2" and never evaluates it.
        Assert.Equal(["=1+2", "Alpha Dental", "Beta Fitness"], rows.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Empty(sheet.Descendants(Main + "f"));
        Assert.All(sheet.Descendants(Main + "c"), c => Assert.Equal("inlineStr", c.Attribute("t")!.Value));
        Assert.Equal("A1", sheet.Descendants(Main + "c").First().Attribute("r")!.Value);
    }

    [Fact]
    public async Task LeavePricesOutOfASupportSpecialistsExport()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.First, Plan.Seeded.BasicId, resellerPrice: 45m);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Specialist, world.First);
        using var specialist = await Factory.SignedInAsync(world.Reseller.Host, world.Specialist);

        var csv = await (await specialist.GetAsync("/clients/export.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("price", csv, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("29.00", csv);
        Assert.DoesNotContain("45.00", csv);
        Assert.Contains("Alpha Dental", csv);
        Assert.DoesNotContain("Beta Fitness", csv); // not assigned

        using var zip = new ZipArchive(new MemoryStream(await (await specialist.GetAsync("/clients/export.xlsx")).Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.DoesNotContain("price", xml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("45.00", xml);
    }

    [Fact]
    public async Task ExportOnlyWhatTheSearchFinds()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var csv = await (await admin.GetAsync("/clients/export.csv?q=beta")).Content.ReadAsStringAsync();
        Assert.Contains("Beta Fitness", csv);
        Assert.DoesNotContain("Alpha Dental", csv);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/clients/export.pdf")).StatusCode);
    }
}
