using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>C10: a consultant records, changes, ends and resumes SLAs with the clients they serve, on their partner's host; bad input and other people's ids change nothing.</summary>
public sealed class SlasShould : PortalTest<ConsultingPortalFactory>
{
    private readonly ConsultingWorld _consulting;

    public SlasShould(ConsultingPortalFactory factory) : base(factory) => _consulting = new ConsultingWorld(factory, World);

    [Fact]
    public async Task RecordAnSlaWithAClientTheConsultantServes()
    {
        var partner = await _consulting.PartnerAsync("Lakeside Partners");
        var client = await _consulting.ClientAsync(partner, "Lakeside Dental");
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);
        var (_, form) = await browser.GetPageAsync("/consulting/slas");
        Assert.Equal(["Lakeside Dental"], form.QuerySelectorAll("#ClientId option").Select(o => o.TextContent));
        Assert.NotNull(form.QuerySelector("#no-slas"));

        var posted = await browser.PostFormAsync("/consulting/slas", Fields(client, "300", "eur", "14", "7", "2026-02-01", "Pay to IBAN NL00 LAKE 1234"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (_, page) = await browser.GetPageAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("Your SLA with Lakeside Dental is recorded", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("300.00 EUR", page.QuerySelector("#slas")!.TextContent);
        var sla = Assert.Single(await _consulting.SlasAsync(client.Client));
        Assert.Equal((partner.Consultant.Id, partner.Partner.Id, 300m, "EUR", 14, 7, new DateOnly(2026, 2, 1), "Pay to IBAN NL00 LAKE 1234", (DateOnly?)null),
            (sla.ConsultantUserId, sla.PartnerId, sla.MonthlyFee, sla.Currency, sla.PaymentTermsDays, sla.GracePeriodDays, sla.StartsOn, sla.PaymentInstructions, sla.LastInvoicedPeriod));
        Assert.Equal(["sla.recorded: Lakeside Partners: 300.00 EUR a month from 2026-02-01, payment within 14 days, grace period 7 days"], await _consulting.AuditAsync(client.Client, "sla."));
        // Until the consultant chooses, their numbers start with the partner's initials.
        var series = await World.InTenantAsync(partner.Partner, db => db.Set<InvoiceNumberSeries>().SingleAsync(s => s.ConsultantUserId == partner.Consultant.Id));
        Assert.Equal("LP", series.Prefix);
    }

    [Theory]
    [InlineData("", "EUR", "14", "7", "2026-02-01", "Enter the monthly fee")]
    [InlineData("three hundred", "EUR", "14", "7", "2026-02-01", "as a number")]
    [InlineData("1,000", "EUR", "14", "7", "2026-02-01", "no thousands separators")] // a comma is a decimal mark in half the world
    [InlineData("-5", "EUR", "14", "7", "2026-02-01", "as a number")]
    [InlineData("0", "EUR", "14", "7", "2026-02-01", "more than zero")]
    [InlineData("2000000", "EUR", "14", "7", "2026-02-01", "at most 1,000,000")]
    [InlineData("300.555", "EUR", "14", "7", "2026-02-01", "EUR amounts have at most 2 decimals")]
    [InlineData("300.5", "JPY", "14", "7", "2026-02-01", "JPY amounts have no decimals")]
    [InlineData("300", "EURO", "14", "7", "2026-02-01", "three-letter code")]
    [InlineData("300", "XYZ", "14", "7", "2026-02-01", "XYZ is not a currency code")] // three letters, but not ISO 4217
    [InlineData("300", "", "14", "7", "2026-02-01", "three-letter code")]
    [InlineData("300", "EUR", "-1", "7", "2026-02-01", "payment terms")]
    [InlineData("300", "EUR", "400", "7", "2026-02-01", "payment terms")]
    [InlineData("300", "EUR", "two weeks", "7", "2026-02-01", "payment terms")]
    [InlineData("300", "EUR", "14", "1.5", "2026-02-01", "grace period")]
    [InlineData("300", "EUR", "14", "", "2026-02-01", "grace period")]
    [InlineData("300", "EUR", "14", "7", "2026-13-01", "start date as a date")]
    [InlineData("300", "EUR", "14", "7", "01/02/2026", "start date as a date")] // day and month order is ambiguous
    [InlineData("300", "EUR", "14", "7", "1999-12-31", "before the year 2000")]
    [InlineData("300", "EUR", "14", "7", "2099-01-01", "at most a year from today")]
    public async Task RefuseBadTermsOnTheSamePageAndRecordNothing(string fee, string currency, string terms, string grace, string startsOn, string expected)
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var posted = await browser.PostFormAsync("/consulting/slas", Fields(client, fee, currency, terms, grace, startsOn));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        var page = await PortalClient.ParseAsync(posted);
        Assert.Contains(expected, page.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(fee, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Form_MonthlyFee")!.Value); // the form is kept
        Assert.Empty(await _consulting.SlasAsync(client.Client));
        Assert.Empty(await _consulting.AuditAsync(client.Client, "sla."));
    }

    [Fact]
    public async Task RefuseInstructionsTooLongToPrint()
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var posted = await browser.PostFormAsync("/consulting/slas", Fields(client, "300", "EUR", "14", "7", "2026-02-01", new string('x', 1001)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("under 1000 characters", (await PortalClient.ParseAsync(posted)).QuerySelector("#form-error")!.TextContent);
        Assert.Empty(await _consulting.SlasAsync(client.Client));
    }

    [Fact]
    public async Task RefuseAClientTheConsultantDoesNotServe()
    {
        var partner = await _consulting.PartnerAsync();
        await _consulting.ClientAsync(partner);
        var colleague = await _consulting.ConsultantOfAsync(partner.Partner);
        var colleaguesClient = await _consulting.ClientAsync(partner, consultant: colleague);
        var stranger = await World.CreateOrganizationAsync("Stranger Clinic");
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        foreach (var forged in new[] { colleaguesClient.Client, stranger })
        {
            var posted = await browser.PostFormAsync("/consulting/slas", Fields(new ServedClient(forged, null!, null!), "300", "EUR", "14", "7", "2026-02-01"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
            Assert.Equal("Choose one of the clients you serve.", (await PortalClient.ParseAsync(posted)).QuerySelector("#form-error")!.TextContent.Trim());
            Assert.Empty(await _consulting.SlasAsync(forged));
        }
    }

    [Fact]
    public async Task RefuseASecondRunningSlaWithTheSameClient()
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner, "Twice Dental");
        await _consulting.SlaAsync(partner, client);
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var posted = await browser.PostFormAsync("/consulting/slas", Fields(client, "500", "EUR", "14", "7", "2026-02-01"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("You have an SLA with Twice Dental already", (await PortalClient.ParseAsync(posted)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(300m, Assert.Single(await _consulting.SlasAsync(client.Client)).MonthlyFee);
    }

    [Fact]
    public async Task ChangeEndAndResumeTheConsultantsOwnSlaAudited()
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        var slaId = await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 1, 1));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);
        var path = $"/consulting/slas/{slaId}";

        var changed = await browser.PostFormAsync(path, Fields(null, "450.25", "GBP", "30", "10", "2026-01-01", "Pay online"), formIndex: 1);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var sla = Assert.Single(await _consulting.SlasAsync(client.Client));
        Assert.Equal((450.25m, "GBP", 30, 10, "Pay online"), (sla.MonthlyFee, sla.Currency, sla.PaymentTermsDays, sla.GracePeriodDays, sla.PaymentInstructions));

        var ended = await browser.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var (_, page) = await browser.GetPageAsync(ended.Headers.Location!.OriginalString);
        Assert.Contains("The SLA has ended", page.QuerySelector("[role=status]")!.TextContent);
        Assert.StartsWith("Ended on ", page.QuerySelector("#sla-status")!.TextContent);
        Assert.NotNull(Assert.Single(await _consulting.SlasAsync(client.Client)).EndedOn);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Resume")).StatusCode);
        Assert.Null(Assert.Single(await _consulting.SlasAsync(client.Client)).EndedOn);
        Assert.Equal(["sla.recorded", "sla.changed", "sla.ended", "sla.resumed"], (await _consulting.AuditAsync(client.Client, "sla.")).Select(a => a.Split(':')[0]));
    }

    [Fact]
    public async Task KeepTheStartDateOnceAnInvoiceWasIssued()
    {
        var partner = await _consulting.PartnerAsync();
        var client = await _consulting.ClientAsync(partner);
        var slaId = await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 1, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var changed = await browser.PostFormAsync($"/consulting/slas/{slaId}", Fields(null, "300", "EUR", "14", "7", "2026-03-01"), formIndex: 1);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("The start date stays 2026-01-01", (await PortalClient.ParseAsync(changed)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(new DateOnly(2026, 1, 1), Assert.Single(await _consulting.SlasAsync(client.Client)).StartsOn);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherConsultantsSlaAndChangeNothing()
    {
        var partner = await _consulting.PartnerAsync();
        var colleague = await _consulting.ConsultantOfAsync(partner.Partner);
        var client = await _consulting.ClientAsync(partner, consultant: colleague);
        var colleaguesSla = await _consulting.SlaAsync(partner, client, consultant: colleague);
        var otherPartner = await _consulting.PartnerAsync("Other Partners");
        var theirs = await _consulting.SlaAsync(otherPartner, await _consulting.ClientAsync(otherPartner));
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        foreach (var id in new[] { colleaguesSla, theirs, Guid.NewGuid() })
        {
            var path = $"/consulting/slas/{id}";
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
            foreach (var handler in new[] { "", "?handler=End", "?handler=Resume" })
            {
                var posted = await browser.PostFormAsync("/consulting/slas", Fields(null, "1", "EUR", "1", "1", "2026-01-01"), path + handler);
                Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            }
        }

        var untouched = Assert.Single(await _consulting.SlasAsync(client.Client));
        Assert.Equal((300m, (DateOnly?)null), (untouched.MonthlyFee, untouched.EndedOn));
        Assert.Equal(["sla.recorded"], (await _consulting.AuditAsync(client.Client, "sla.")).Select(a => a.Split(':')[0]));
    }

    [Fact]
    public async Task ExplainToAPartnerMemberWithoutSeatsThatThereIsNothingToRecordYet()
    {
        var partner = await _consulting.PartnerAsync();
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var (response, page) = await browser.GetPageAsync("/consulting/slas");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#no-clients"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task BeReachedFromTheConsultingPageAndLeadBackToIt()
    {
        var partner = await _consulting.PartnerAsync();
        using var browser = await _consulting.SignedInAsync(partner.Partner.Host, partner.Consultant);

        var (_, consulting) = await browser.GetPageAsync("/consulting");
        Assert.Equal(["/consulting/slas", "/consulting/invoices"], consulting.QuerySelectorAll("#billing-title ~ ul a").Select(a => a.GetAttribute("href")));

        var (_, slas) = await browser.GetPageAsync("/consulting/slas");
        var nav = slas.QuerySelectorAll("nav.subnav a").Select(a => (a.GetAttribute("href"), a.GetAttribute("aria-current"))).ToArray();
        Assert.Equal([("/consulting", null), ("/consulting/slas", "page"), ("/consulting/invoices", null)], nav);
    }

    private static Dictionary<string, string> Fields(ServedClient? client, string fee, string currency, string terms, string grace, string startsOn, string? instructions = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.MonthlyFee"] = fee,
            ["Form.Currency"] = currency,
            ["Form.PaymentTermsDays"] = terms,
            ["Form.GracePeriodDays"] = grace,
            ["Form.StartsOn"] = startsOn,
            ["Form.PaymentInstructions"] = instructions ?? string.Empty,
        };
        if (client is not null) fields["ClientId"] = client.Client.Id.ToString();
        return fields;
    }
}
