using AngleSharp.Dom;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>S1, S5, C11: building, publishing, records, CSV and packages, through the real pages.</summary>
public sealed class SolutionsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private async Task<(TestOrganization Org, PortalClient Client)> SignedInAdminAsync()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        return (org, client);
    }

    [Fact]
    public async Task BuildPublishAndWorkWithRecords()
    {
        var (org, client) = await SignedInAdminAsync();
        var created = await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = await WorkspaceAsync(org), ["name"] = "Gym", ["tags"] = "fitness" }, "/solutions?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var builder = created.Headers.Location!.OriginalString;
        var id = builder.Split('/')[2];

        var added = await client.PostFormAsync(builder, new Dictionary<string, string> { ["table"] = "items", ["name"] = "Fee", ["type"] = "money", ["currency"] = "EUR" }, $"{builder}?handler=AddField");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var bad = await client.PostFormAsync(builder, new Dictionary<string, string> { ["table"] = "items", ["name"] = "Price", ["type"] = "money", ["currency"] = "euro" }, $"{builder}?handler=AddField");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("currency", await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/solutions/{id}/manage", new Dictionary<string, string>(), $"/solutions/{id}/manage?handler=Publish")).StatusCode);
        var form = $"/solutions/{id}/tables/items/record";
        var invalid = await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Spinning", ["f.fee"] = "lots" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var invalidPage = await PortalClient.ParseAsync(invalid);
        Assert.Contains("Fee must be an amount", invalidPage.QuerySelector("#f-fee-error")!.TextContent);
        Assert.Equal("Spinning", invalidPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-name")!.Value);

        foreach (var (name, fee) in new[] { ("Spinning", "12.50"), ("Yoga", "9"), ("Boxing", "30 USD") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = name, ["f.fee"] = fee })).StatusCode);
        }

        var sorted = await client.GetPageAsync($"/solutions/{id}/tables/items?sort=fee");
        Assert.Equal(["Yoga", "Spinning", "Boxing"], sorted.Document.QuerySelectorAll("table.records tbody tr td:first-child").Select(td => td.TextContent).ToArray());
        var found = await client.GetPageAsync($"/solutions/{id}/tables/items?q=yog");
        Assert.Equal(["Yoga"], found.Document.QuerySelectorAll("table.records tbody tr td:first-child").Select(td => td.TextContent).ToArray());
        var filtered = await client.GetPageAsync($"/solutions/{id}/tables/items?filterField=fee&filterOp=greaterThan&filterValue=10");
        Assert.Equal(2, filtered.Document.QuerySelectorAll("table.records tbody tr").Length);

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<IRecordUsage>().CountAsync(org.Id));
    }

    [Fact]
    public async Task PageDeepListsWithoutRepeatingOrSkipping()
    {
        var (org, client) = await SignedInAdminAsync();
        await Billing.BillingWorld.SubscribeAsync(World, org, PartnerPortal.Billing.Plan.Seeded.ProId); // 120 records: past the free plan's limit (R7)
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var csv = "Name,Visits\r\n" + string.Concat(Enumerable.Range(1, 120).Select(i => $"Patient {i},{i % 7}\r\n"));
        await ImportCsvAsync(client, id, csv);
        var seen = new List<string>();
        var next = $"/solutions/{id}/tables/patients?sort=visits";
        while (next is not null)
        {
            var (_, page) = await client.GetPageAsync(next);
            seen.AddRange(page.QuerySelectorAll("table.records tbody tr td:first-child").Select(td => td.TextContent));
            next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Distinct().Count());
    }

    [Fact]
    public async Task FilterContainsOnTheValueItselfNotOnItsIndexKey()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        // "Tim Ruiz" has no letter a–f: only a match on the record id behind the value could list it.
        await ImportCsvAsync(client, id, "Name,Visits\r\nAda Lovelace,3\r\nBram Stoker,13\r\nTim Ruiz,30\r\nCECILE DUBOIS,3\r\n");

        async Task<string[]> NamesAsync(string query)
        {
            var (_, page) = await client.GetPageAsync($"/solutions/{id}/tables/patients?sort=name&{query}");
            return page.QuerySelectorAll("table.records tbody tr td:first-child").Select(td => td.TextContent).ToArray();
        }

        Assert.Equal(["Ada Lovelace", "Bram Stoker"], await NamesAsync("filterField=name&filterOp=contains&filterValue=a"));
        Assert.Equal(["Ada Lovelace"], await NamesAsync("filterField=name&filterOp=contains&filterValue=OVE"));
        Assert.Equal(["CECILE DUBOIS"], await NamesAsync("filterField=name&filterOp=contains&filterValue=le%20du"));
        Assert.Empty(await NamesAsync("filterField=name&filterOp=contains&filterValue=xyz"));
        // On a number "contains" is the value: 3 is not 13 or 30.
        Assert.Equal(["Ada Lovelace", "CECILE DUBOIS"], await NamesAsync("filterField=visits&filterOp=contains&filterValue=3"));
    }

    [Fact]
    public async Task SearchByWordPrefixesWhetherAWordIsRareOrCommon()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        await Billing.BillingWorld.SubscribeAsync(World, org, PartnerPortal.Billing.Plan.Seeded.ProId); // over a thousand records: past the free plan's limit (R7)
        // More records share "patient" than a rare word may drive, so both ways of searching run.
        var count = global::PartnerPortal.Solutions.Records.RecordQuery.DrivingLimit + 20;
        await ImportCsvAsync(client, id, "Name,Status\r\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"Patient {i},{(i % 2 == 0 ? "Booked" : "Done")}\r\n")) + "Ada Zephyr,Done\r\n");

        async Task<(string Names, bool More)> SearchAsync(string q)
        {
            var (_, page) = await client.GetPageAsync($"/solutions/{id}/tables/patients?q={Uri.EscapeDataString(q)}");
            return (string.Join("|", page.QuerySelectorAll("table.records tbody tr td:first-child").Select(td => td.TextContent)), page.QuerySelector("a[rel=next]") is not null);
        }

        Assert.Equal(("Patient 1000", false), await SearchAsync("patient 1000"));
        Assert.Equal(("Ada Zephyr", false), await SearchAsync("zeph"));
        Assert.Equal(("Ada Zephyr", false), await SearchAsync("ZEPHYR done"));
        Assert.Empty((await SearchAsync("zephyr booked")).Names);
        var common = await SearchAsync("pat");
        Assert.Equal(50, common.Names.Split('|').Length);
        Assert.True(common.More);
        Assert.All(common.Names.Split('|'), name => Assert.StartsWith("Patient ", name));
        Assert.Equal(50, (await SearchAsync("booked")).Names.Split('|').Length);
    }

    [Fact]
    public async Task ImportCsvAllOrNothingAndExportWithFormulasNeutralized()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var bad = await ImportCsvAsync(client, id, "Name,Visits\r\nAda,3\r\nBram,three\r\n", confirm: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Row 3, Visits: Visits must be a number", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));

        await ImportCsvAsync(client, id, "Name,E-mail\r\n\"=HYPERLINK(\"\"http://evil\"\")\",a@b.test\r\n");
        var export = await client.GetAsync($"/solutions/{id}/tables/patients?handler=Export");
        var text = await export.Content.ReadAsStringAsync();
        Assert.Equal("text/csv; charset=utf-8", export.Content.Headers.ContentType!.ToString());
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text);
    }

    public static TheoryData<string, byte[], string> FuzzedCsvFiles() => new()
    {
        { "broken UTF-8", [.. Encoding.UTF8.GetBytes("Name,Visits\r\nAda,"), 0xC3, 0x28, 0xFF, (byte)'\r', (byte)'\n'], "The file is not UTF-8 text." },
        { "UTF-16 text", Encoding.Unicode.GetBytes("Name,Visits\r\nAda,3\r\n"), "is not a field of Patients" },
        { "binary garbage", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], "The file is not UTF-8 text." },
        { "a quote never closed", Encoding.UTF8.GetBytes("Name,Visits\r\n\"Ada,3\r\nBram,4\r\n"), "A quoted cell is never closed." },
        { "an empty file", [], "Choose a CSV or Excel (.xlsx) file." },
        { "an unknown column", Encoding.UTF8.GetBytes("Name,Shoe size\r\nAda,42\r\n"), "Column 2 ('Shoe size') is not a field of Patients." },
        { "no required column", Encoding.UTF8.GetBytes("Visits\r\n3\r\n"), "The required column 'Name' is missing." },
        { "a huge number", Encoding.UTF8.GetBytes("Name,Visits\r\nAda,1e400\r\n"), "Row 2, Visits: Visits must be a number" },
        { "a huge text", Encoding.UTF8.GetBytes("Name\r\n" + new string('x', 100_000) + "\r\n"), "Row 2, Name: Name is longer than 1000 characters." },
        { "too many rows", Encoding.UTF8.GetBytes("Name\r\n" + string.Concat(Enumerable.Repeat("Ada\r\n", 100_001))), "The file has more than 100,000 rows; split it." },
        { "a file over 12 MB", Encoding.UTF8.GetBytes("Name\r\n" + new string('x', 13 * 1024 * 1024)), "The file is larger than 12 MB; split it." },
    };

    [Theory]
    [MemberData(nameof(FuzzedCsvFiles), DisableDiscoveryEnumeration = true)] // megabytes of files: enumerated when run, not serialized at discovery
    public async Task RefuseAFuzzedCsvFileWithAClearMessageAndChangeNothing(string kind, byte[] file, string message)
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var path = $"/solutions/{id}/tables/patients/import";
        var (_, page) = await client.GetPageAsync(path);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "rows.csv" },
        };

        var preview = await client.Http.PostAsync($"{path}?handler=Preview", content);

        Assert.True(preview.StatusCode == HttpStatusCode.UnprocessableEntity, $"{kind}: {preview.StatusCode}");
        Assert.Contains(message, WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));
    }

    [Fact]
    public async Task RefuseABadPackageAndCreateNothing()
    {
        var (org, client) = await SignedInAdminAsync();
        var (_, page) = await client.GetPageAsync("/solutions");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var bad = SolutionWorld.Package().Replace("\"type\": \"number\"", "\"type\": \"colour\"", StringComparison.Ordinal);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(await WorkspaceAsync(org)), "workspaceId" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(bad)), "package", "bad.json" },
        };
        var response = await client.Http.PostAsync("/solutions?handler=Import", content);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        // The place in words, not the JSON path (issue 14).
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Table 1, field 3, type: &#x27;colour&#x27; is not a field type", html);
        Assert.DoesNotContain("$.tables", html);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Set<Solution>().CountAsync()));
    }

    [Fact]
    public async Task ExportAPackageThatImportsAsACopy()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var json = await (await client.GetAsync($"/solutions/{id}/manage?handler=Package")).Content.ReadAsStringAsync();
        var read = PartnerPortal.Solutions.Definition.PackageReader.Read(json);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(org.Name, read.Package!.Source!.Organization);
    }

    [Fact]
    public async Task AskBeforeRemovingAFieldThatHoldsData()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        await ImportCsvAsync(client, id, "Name,Visits\r\nAda,3\r\nBram,\r\n");
        var builder = $"/solutions/{id}/builder";
        var ask = await client.PostFormAsync(builder, new Dictionary<string, string> { ["table"] = "patients", ["field"] = "visits" }, $"{builder}?handler=RemoveField");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("1 record hold a value in this field", await ask.Content.ReadAsStringAsync());
        Assert.Contains("\"visits\"", await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.DraftJson).SingleAsync()));
        await client.PostFormAsync(builder, new Dictionary<string, string> { ["table"] = "patients", ["field"] = "visits", ["confirmed"] = "true" }, $"{builder}?handler=RemoveField");
        Assert.DoesNotContain("\"visits\"", await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.DraftJson).SingleAsync()));
    }

    [Fact]
    public async Task CompareVersions()
    {
        var (org, client) = await SignedInAdminAsync();
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var builder = $"/solutions/{id}/builder";
        await client.PostFormAsync(builder, new Dictionary<string, string> { ["name"] = "Invoices" }, $"{builder}?handler=AddTable");
        await client.PostFormAsync($"/solutions/{id}/manage", new Dictionary<string, string>(), $"/solutions/{id}/manage?handler=Publish");
        var (_, page) = await client.GetPageAsync($"/solutions/{id}/versions?a=1&b=2");
        Assert.Contains("Added: table Invoices", page.QuerySelector("ul.changes")!.TextContent);
    }

    private async Task<string> WorkspaceAsync(TestOrganization org) =>
        (await World.InTenantAsync(org, db => db.Workspaces.Select(w => w.Id).FirstAsync())).ToString();

    internal static async Task<HttpResponseMessage> ImportCsvAsync(PortalClient client, Guid id, string csv, bool confirm = true)
    {
        var path = $"/solutions/{id}/tables/patients/import";
        var (_, page) = await client.GetPageAsync(path);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "rows.csv" },
        };
        var preview = await client.Http.PostAsync($"{path}?handler=Preview", content);
        if (!confirm || preview.StatusCode != HttpStatusCode.OK) return preview;
        var previewPage = await PortalClient.ParseAsync(preview);
        var run = previewPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=run]")!.Value;
        var imported = await client.PostFormAsync(path, new Dictionary<string, string> { ["run"] = run }, $"{path}?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        return imported;
    }
}
