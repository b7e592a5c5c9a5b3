using AngleSharp.Dom;
using System.Net;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>
/// C10 on the consultant's side: their invoices across clients on the partner's host, marking one
/// paid, the prefix of their numbers, and suspension offered (never done) past the grace period.
/// Other consultants' invoices are 404s and stay as they were.
/// </summary>
public sealed class ConsultantInvoicesShould : PortalTest<ConsultingPortalFactory>
{
    private readonly ConsultingWorld _consulting;

    public ConsultantInvoicesShould(ConsultingPortalFactory factory) : base(factory) => _consulting = new ConsultingWorld(factory, World);

    private static DateTime Today => DateTime.UtcNow.Date;

    [Fact]
    public async Task ListTheConsultantsOwnInvoicesAcrossClientsAndNoOneElses()
    {
        var partner = await _consulting.PartnerAsync(prefix: "LI");
        var first = await _consulting.ClientAsync(partner, "First Clinic");
        var second = await _consulting.ClientAsync(partner, "Second Clinic");
        var colleague = await _consulting.ConsultantOfAsync(partner.Partner);
        var colleagues = await _consulting.ClientAsync(partner, "Colleague Clinic", colleague);
        await _consulting.SlaAsync(partner, first, startsOn: DateOnly.FromDateTime(Today.AddDays(-5)));
        await _consulting.SlaAsync(partner, second, fee: 99.9m, currency: "USD", startsOn: DateOnly.FromDateTime(Today.AddDays(-5)));
        await _consulting.SlaAsync(partner, colleagues, consultant: colleague, startsOn: DateOnly.FromDateTime(Today.AddDays(-5)));
        await _consulting.RunPassAsync(Today.AddHours(1));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var (response, page) = await browser.GetPageAsync("/consulting/invoices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.invoices tbody tr").Select(r => r.Children[1].TextContent).Order().ToList();
        Assert.Equal(["First Clinic", "Second Clinic"], rows);
        Assert.Equal("Outstanding: 300.00 EUR + 99.90 USD.", page.QuerySelector("#outstanding")!.TextContent.Trim());
        Assert.Equal(["Invoices", "Seats and sign-up link", "SLAs"], page.QuerySelectorAll("nav[aria-label=Billing] a").Select(a => a.TextContent).Order());
        Assert.Equal("Invoices", page.QuerySelector("nav[aria-label=Billing] a[aria-current]")!.TextContent);
    }

    [Fact]
    public async Task MarkAnInvoicePaidOnceAuditedAndTakeItBack()
    {
        var partner = await _consulting.PartnerAsync(prefix: "PD");
        var client = await _consulting.ClientAsync(partner);
        await _consulting.SlaAsync(partner, client, startsOn: DateOnly.FromDateTime(Today.AddDays(-3)));
        await _consulting.RunPassAsync(Today.AddHours(1));
        var invoice = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);
        var path = $"/consulting/invoices/{invoice.Id}";
        var paidOn = DateOnly.FromDateTime(Today).ToString("yyyy-MM-dd");

        var paid = await browser.PostFormAsync(path, new Dictionary<string, string> { ["PaidOn"] = paidOn }, $"{path}?handler=Paid");

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var (_, page) = await browser.GetPageAsync(paid.Headers.Location!.OriginalString);
        Assert.Equal($"Invoice {invoice.Number} is marked paid.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.StartsWith("Paid on ", page.QuerySelector("#invoice-status")!.TextContent);
        var stored = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        Assert.Equal((InvoiceStatus.Paid, DateOnly.FromDateTime(Today)), (stored.Status, stored.PaidOn!.Value));

        var twice = await browser.PostFormAsync($"/consulting/invoices", new Dictionary<string, string> { ["PaidOn"] = paidOn }, $"{path}?handler=Paid");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("marked paid already", (await PortalClient.ParseAsync(twice)).QuerySelector("#form-error")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Unpaid")).StatusCode);
        var unpaid = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        Assert.Equal((InvoiceStatus.Open, (DateOnly?)null), (unpaid.Status, unpaid.PaidOn));
        Assert.Equal([$"invoice.paid: {invoice.Number}: 300.00 EUR paid on {paidOn}", $"invoice.unpaid: {invoice.Number}: the payment was taken back"],
            (await _consulting.AuditAsync(client.Client, "invoice.")).Where(a => !a.StartsWith("invoice.issued")));
    }

    [Theory]
    [InlineData("", "as a date")]
    [InlineData("yesterday", "as a date")]
    [InlineData("2000-01-01", "before the invoice was issued")]
    [InlineData("2999-01-01", "after today")]
    public async Task RefuseABadPaymentDateAndLeaveTheInvoiceUnpaid(string paidOn, string expected)
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        await _consulting.SlaAsync(partner, client, startsOn: DateOnly.FromDateTime(Today.AddDays(-1)));
        await _consulting.RunPassAsync(Today.AddHours(1));
        var invoice = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);
        var path = $"/consulting/invoices/{invoice.Id}";

        var posted = await browser.PostFormAsync(path, new Dictionary<string, string> { ["PaidOn"] = paidOn }, $"{path}?handler=Paid");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains(expected, (await PortalClient.ParseAsync(posted)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(InvoiceStatus.Open, Assert.Single(await _consulting.InvoicesAsync(client.Client)).Status);
        Assert.Empty(await _consulting.AuditAsync(client.Client, "invoice.paid"));
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherConsultantsInvoiceAndChangeNothing()
    {
        var partner = await _consulting.PartnerAsync();
        var colleague = await _consulting.ConsultantOfAsync(partner.Partner);
        var client = await _consulting.ClientAsync(partner, consultant: colleague);
        await _consulting.SlaAsync(partner, client, consultant: colleague, startsOn: DateOnly.FromDateTime(Today.AddDays(-40)));
        await _consulting.RunPassAsync(Today.AddDays(-40).AddHours(1));
        var colleagues = (await _consulting.InvoicesAsync(client.Client))[0];
        // The consultant even serves that client: the invoice is still their colleague's.
        Factory.Seats.Serve(partner.Consultant.Id, partner.Partner.Id, client.Client);
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        foreach (var id in new[] { colleagues.Id, Guid.NewGuid() })
        {
            var path = $"/consulting/invoices/{id}";
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
            foreach (var handler in new[] { "Paid", "Unpaid" })
            {
                var posted = await browser.PostFormAsync("/consulting/invoices", new Dictionary<string, string> { ["PaidOn"] = DateOnly.FromDateTime(Today).ToString("yyyy-MM-dd") }, $"{path}?handler={handler}");
                Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            }
        }

        Assert.NotEqual(InvoiceStatus.Paid, (await _consulting.InvoicesAsync(client.Client))[0].Status);
        Assert.Empty(await _consulting.AuditAsync(client.Client, "invoice.paid"));
    }

    [Fact]
    public async Task OfferSuspensionOfWhatTheConsultantBuiltOnlyPastTheGracePeriod()
    {
        var partner = await _consulting.PartnerAsync(prefix: "SU");
        var client = await _consulting.ClientAsync(partner, "Late Payers");
        var other = await _consulting.ClientAsync(partner, "Good Payers");
        var built = Factory.Solutions.Add(client.Client, partner.Consultant.Id, "Recall reminders");
        Factory.Solutions.Add(client.Client, client.Owner.Id, "The owner's own app");
        Factory.Solutions.Add(other.Client, partner.Consultant.Id, "Built elsewhere");
        // Issued 30 days ago, due after 14, grace of 7: past the grace period for 9 days now.
        await _consulting.SlaAsync(partner, client, terms: 14, grace: 7, startsOn: DateOnly.FromDateTime(Today.AddDays(-30)));
        await _consulting.RunPassAsync(Today.AddDays(-30).AddHours(1));
        // Issued 3 days ago: not even due.
        await _consulting.SlaAsync(partner, other, terms: 14, grace: 7, startsOn: DateOnly.FromDateTime(Today.AddDays(-3)));
        await _consulting.RunPassAsync(Today.AddDays(-3).AddHours(1));
        var late = (await _consulting.InvoicesAsync(client.Client))[0];
        var fine = (await _consulting.InvoicesAsync(other.Client))[0];
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var (_, page) = await browser.GetPageAsync($"/consulting/invoices/{late.Id}");
        var offer = page.QuerySelector("#suspension")!;
        Assert.Contains("Talk to Late Payers first", offer.TextContent);
        var link = Assert.Single(offer.QuerySelectorAll("#suspendable a"));
        Assert.Equal("Suspend “Recall reminders”", link.TextContent);
        Assert.Equal($"http://{client.Client.Host}/solutions/{built.Id}/suspend", link.GetAttribute("href"));
        Assert.Equal("Overdue, past the grace period", page.QuerySelector("#invoice-status")!.TextContent.Trim());

        var (_, within) = await browser.GetPageAsync($"/consulting/invoices/{fine.Id}");
        Assert.Null(within.QuerySelector("#suspension"));

        // Once they hold no seat there, there is nothing of theirs to suspend.
        Factory.Seats.Leave(partner.Consultant.Id, partner.Partner.Id, client.Client);
        var (_, left) = await browser.GetPageAsync($"/consulting/invoices/{late.Id}");
        Assert.NotNull(left.QuerySelector("#suspension #no-seat"));
        Assert.Empty(left.QuerySelectorAll("#suspendable a"));
    }

    [Fact]
    public async Task NumberTheNextInvoiceWithTheChosenPrefixAndRefuseABadOne()
    {
        var partner = await _consulting.PartnerAsync("Prefix Partners");
        var client = await _consulting.ClientAsync(partner);
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);
        Assert.Equal("PP", (await browser.GetPageAsync("/consulting/invoices")).Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Prefix")!.Value);

        foreach (var bad in new[] { "", "N-W", "TOOLONGPREFIX", "né" })
        {
            var refused = await browser.PostFormAsync("/consulting/invoices", new Dictionary<string, string> { ["Prefix"] = bad }, "/consulting/invoices?handler=Prefix");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("letters or digits", (await PortalClient.ParseAsync(refused)).QuerySelector("#form-error")!.TextContent);
        }

        var saved = await browser.PostFormAsync("/consulting/invoices", new Dictionary<string, string> { ["Prefix"] = "nw7" }, "/consulting/invoices?handler=Prefix");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 1, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 2, 1, 1, 0, 0, DateTimeKind.Utc));
        Assert.Equal("NW7-2026-0001", Assert.Single(await _consulting.InvoicesAsync(client.Client)).Number);
    }
}
