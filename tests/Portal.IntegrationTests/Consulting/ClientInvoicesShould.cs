using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>C10 on the client's side: its owners see their organization's consultant invoices on /settings/invoices and print each one; nobody else's.</summary>
public sealed class ClientInvoicesShould : PortalTest<ConsultingPortalFactory>
{
    private readonly ConsultingWorld _consulting;

    public ClientInvoicesShould(ConsultingPortalFactory factory) : base(factory) => _consulting = new ConsultingWorld(factory, World);

    [Fact]
    public async Task ShowTheOwnersTheirOrganizationsInvoicesAndSlas()
    {
        var partner = await _consulting.PartnerAsync("Owl Consulting", prefix: "OWL");
        var client = await _consulting.ClientAsync(partner, "Owl Dental");
        var neighbour = await _consulting.ClientAsync(partner, "Neighbour Dental");
        await _consulting.SlaAsync(partner, client, fee: 300m, startsOn: new DateOnly(2026, 3, 1));
        await _consulting.SlaAsync(partner, neighbour, fee: 800m, startsOn: new DateOnly(2026, 3, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc));
        await _consulting.RunPassAsync(new DateTime(2026, 4, 1, 1, 0, 0, DateTimeKind.Utc));
        using var owner = await _consulting.SignedInAsync(client.Client.Host, client.Owner);

        var (response, page) = await owner.GetPageAsync("/settings/invoices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("#invoices tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["OWL-2026-0003", $"Owl Consulting ({partner.Consultant.DisplayName})", "April 2026", "300.00 EUR", "2026-04-15"], rows[0].Take(5));
        Assert.Equal("OWL-2026-0001", rows[1][0]);
        Assert.DoesNotContain("800.00", page.QuerySelector("main")!.TextContent);
        Assert.Contains("300.00 EUR a month since 2026-03-01", page.QuerySelector("#slas")!.TextContent);
        Assert.Equal("/settings/invoices", page.QuerySelector("nav[aria-label=Settings] a[aria-current]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task PrintAnInvoiceAsADocumentWithoutTheMenus()
    {
        var partner = await _consulting.PartnerAsync("Print Partners", prefix: "PR");
        var client = await _consulting.ClientAsync(partner, "Print Dental");
        await _consulting.SlaAsync(partner, client, fee: 1250.5m, startsOn: new DateOnly(2026, 5, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 5, 1, 1, 0, 0, DateTimeKind.Utc));
        var invoice = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        using var owner = await _consulting.SignedInAsync(client.Client.Host, client.Owner);

        var (response, page) = await owner.GetPageAsync($"/settings/invoices/{invoice.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Invoice PR-2026-0001", page.QuerySelector("#invoice h2")!.TextContent);
        Assert.Contains("Print Partners", page.QuerySelector("#invoice-from")!.TextContent);
        Assert.Contains("Print Dental", page.QuerySelector("#invoice-to")!.TextContent);
        Assert.Equal("1,250.50 EUR", page.QuerySelector("#invoice-total")!.TextContent);
        Assert.Equal("2026-05-15", page.QuerySelector("#invoice-due")!.TextContent);
        Assert.Equal("IBAN NL00 TEST 0000 0000 00", page.QuerySelector("#invoice-how-to-pay")!.TextContent);
        // Everything but the document is marked to stay off paper, and the theme's stylesheet says how.
        Assert.All(page.QuerySelectorAll("main > :not(#invoice)"), e => Assert.Contains("no-print", e.ClassName ?? string.Empty));
        var stylesheet = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).First();
        var css = await owner.Http.GetStringAsync(stylesheet);
        Assert.Matches(@"@media print \{[^@]*\.topbar[^}]*\.no-print[^}]*display: none", css);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherOrganizationsInvoice()
    {
        var partner = await _consulting.PartnerAsync(prefix: "NF");
        var client = await _consulting.ClientAsync(partner);
        var neighbour = await _consulting.ClientAsync(partner);
        await _consulting.SlaAsync(partner, neighbour, startsOn: new DateOnly(2026, 6, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 6, 1, 1, 0, 0, DateTimeKind.Utc));
        var theirs = Assert.Single(await _consulting.InvoicesAsync(neighbour.Client));
        using var owner = await _consulting.SignedInAsync(client.Client.Host, client.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/settings/invoices/{theirs.Id}")).StatusCode);
        Assert.NotNull((await owner.GetPageAsync("/settings/invoices")).Document.QuerySelector("#no-invoices"));
        // The consultant's own page is the partner's: not on a client's host.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/consulting/invoices/{theirs.Id}")).StatusCode);
    }

    [Fact]
    public async Task ListInvoicesInTheOwnersSettingsMenuOnly()
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        using var owner = await _consulting.SignedInAsync(client.Client.Host, client.Owner);
        using var admin = await _consulting.SignedInAsync(client.Client.Host, client.Member);

        Assert.Contains("/settings/invoices", (await owner.GetPageAsync("/settings")).Document.QuerySelectorAll("nav[aria-label=Settings] a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("/settings/invoices", (await admin.GetPageAsync("/settings")).Document.QuerySelectorAll("nav[aria-label=Settings] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/settings/invoices")).StatusCode);
    }
}
