using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.ConsultantSeats;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>
/// C10, the monthly job: each active SLA's invoice for a month is issued once, numbered per
/// consultant without gaps, e-mailed to the client's owners in the partner's branding, marked
/// overdue after its terms; repeated and concurrent runs issue nothing twice.
/// </summary>
public sealed class InvoicingShould : PortalTest<ConsultingPortalFactory>
{
    private readonly ConsultingWorld _consulting;

    public InvoicingShould(ConsultingPortalFactory factory) : base(factory) => _consulting = new ConsultingWorld(factory, World);

    [Fact]
    public async Task IssueEachActiveSlaOnceAMonthNumberedPerConsultantWithoutGaps()
    {
        var northwind = await _consulting.PartnerAsync(prefix: "NW");
        var colleague = await _consulting.ConsultantOfAsync(northwind.Partner);
        await _consulting.SetPrefixAsync(northwind, "AB", colleague);
        var (a, b, c) = (await _consulting.ClientAsync(northwind), await _consulting.ClientAsync(northwind), await _consulting.ClientAsync(northwind));
        var shared = await _consulting.ClientAsync(northwind, consultant: colleague);
        await _consulting.SlaAsync(northwind, a, startsOn: new DateOnly(2026, 1, 1));
        await _consulting.SlaAsync(northwind, b, fee: 120.5m, currency: "USD", startsOn: new DateOnly(2026, 1, 20));
        await _consulting.SlaAsync(northwind, c, startsOn: new DateOnly(2026, 3, 1));
        await _consulting.SlaAsync(northwind, shared, consultant: colleague, startsOn: new DateOnly(2026, 1, 1));

        await _consulting.RunPassAsync(new DateTime(2026, 1, 10, 6, 0, 0, DateTimeKind.Utc));
        Assert.Equal(["NW-2026-0001"], (await _consulting.InvoicesAsync(a.Client)).Select(i => i.Number));
        Assert.Empty(await _consulting.InvoicesAsync(b.Client)); // starts on the 20th
        Assert.Equal(["AB-2026-0001"], (await _consulting.InvoicesAsync(shared.Client)).Select(i => i.Number)); // the colleague's own numbers

        await _consulting.RunPassAsync(new DateTime(2026, 1, 20, 6, 0, 0, DateTimeKind.Utc));
        var again = await _consulting.RunPassAsync(new DateTime(2026, 1, 20, 7, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, again.Issued);
        var first = Assert.Single(await _consulting.InvoicesAsync(b.Client));
        Assert.Equal(("NW-2026-0002", 120.5m, "USD", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 3)),
            (first.Number, first.Amount, first.Currency, first.Period, first.IssuedOn, first.DueOn));

        await _consulting.RunPassAsync(new DateTime(2026, 2, 1, 0, 30, 0, DateTimeKind.Utc));
        await _consulting.RunPassAsync(new DateTime(2026, 3, 2, 0, 30, 0, DateTimeKind.Utc));
        Assert.Equal(["NW-2026-0001", "NW-2026-0003", "NW-2026-0005"], (await _consulting.InvoicesAsync(a.Client)).Select(i => i.Number));
        Assert.Equal(["NW-2026-0002", "NW-2026-0004", "NW-2026-0006"], (await _consulting.InvoicesAsync(b.Client)).Select(i => i.Number));
        Assert.Equal(["NW-2026-0007"], (await _consulting.InvoicesAsync(c.Client)).Select(i => i.Number));
        Assert.Equal(["AB-2026-0001", "AB-2026-0002", "AB-2026-0003"], (await _consulting.InvoicesAsync(shared.Client)).Select(i => i.Number));

        // A new year starts the sequence again.
        await _consulting.RunPassAsync(new DateTime(2027, 1, 1, 0, 30, 0, DateTimeKind.Utc));
        Assert.Equal("NW-2027-0001", (await _consulting.InvoicesAsync(a.Client))[^1].Number);
        Assert.Equal(4, (await _consulting.AuditAsync(a.Client, "invoice.issued")).Count);
        Assert.Contains("NW-2026-0001 for January 2026: 300.00 EUR, due 2026-01-24", (await _consulting.AuditAsync(a.Client, "invoice.issued"))[0]);
    }

    [Fact]
    public async Task IssueNothingForAnEndedSlaAfterItsLastMonth()
    {
        var partner = await _consulting.PartnerAsync(prefix: "EN");
        var client = await _consulting.ClientAsync(partner);
        var slaId = await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 1, 1));
        await World.InTenantAsync(client.Client, db => db.Set<ServiceLevelAgreement>().Where(s => s.Id == slaId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedOn, new DateOnly(2026, 2, 10))));

        await _consulting.RunPassAsync(new DateTime(2026, 2, 1, 1, 0, 0, DateTimeKind.Utc));
        await _consulting.RunPassAsync(new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc));

        Assert.Equal([new DateOnly(2026, 2, 1)], (await _consulting.InvoicesAsync(client.Client)).Select(i => i.Period));
    }

    [Fact]
    public async Task EmailTheClientsOwnersInThePartnersBrandingWithALinkToTheInvoice()
    {
        var partner = await _consulting.PartnerAsync("Fjord Consulting", prefix: "FJ");
        var client = await _consulting.ClientAsync(partner, "Harbour Dental");
        await _consulting.SlaAsync(partner, client, fee: 300m, startsOn: new DateOnly(2026, 4, 1));

        await _consulting.RunPassAsync(new DateTime(2026, 4, 1, 0, 5, 0, DateTimeKind.Utc));

        var invoice = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        var mail = await Factory.Smtp.WaitForMessageAsync(client.Owner.Email!, m => m.Subject?.Contains("FJ-2026-0001") == true);
        Assert.Equal("Invoice FJ-2026-0001 from Fjord Consulting: 300.00 EUR for April 2026", mail.Subject);
        Assert.Equal("Fjord Consulting", mail.From.Mailboxes.Single().Name);
        Assert.Contains("Due by:    2026-04-15", mail.TextBody);
        Assert.Contains("How to pay: IBAN NL00 TEST 0000 0000 00", mail.TextBody);
        Assert.Contains($"http://{client.Client.Host}/settings/invoices/{invoice.Id}", mail.TextBody);
        Assert.Contains($"href=\"http://{client.Client.Host}/settings/invoices/{invoice.Id}\"", mail.HtmlBody);
        Assert.Contains("Harbour Dental", mail.HtmlBody);
        Assert.Contains("Powered by Cloudbase", mail.TextBody); // a direct client of the platform may read its name; a reseller's may not (below)
        // Owners pay; the client's admin is not an owner and gets nothing.
        await Task.Delay(500);
        Assert.DoesNotContain(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == client.Member.Email));
        Assert.Single(Factory.Smtp.Messages(), m => m.Subject?.Contains("FJ-2026-0001") == true);
    }

    [Fact]
    public async Task NeverNameThePlatformToAResellersClient()
    {
        var partner = await _consulting.PartnerAsync("Quiet Consulting", prefix: "QC");
        var reseller = await World.CreateOrganizationAsync("Some Reseller", PartnerPortal.Accounts.OrganizationKind.Partner);
        var client = await _consulting.ClientAsync(partner, "Resold Dental", reseller: reseller);
        await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 4, 1));

        await _consulting.RunPassAsync(new DateTime(2026, 4, 2, 0, 5, 0, DateTimeKind.Utc));

        var mail = await Factory.Smtp.WaitForMessageAsync(client.Owner.Email!, m => m.Subject?.Contains("QC-2026-0001") == true);
        Assert.Equal("Quiet Consulting", mail.From.Mailboxes.Single().Name);
        Assert.DoesNotContain("Cloudbase", mail.TextBody + mail.HtmlBody + mail.Subject);
    }

    [Fact]
    public async Task NeverIssueAMonthTwiceWhenPassesRunAtOnce()
    {
        var partner = await _consulting.PartnerAsync(prefix: "CC");
        var clients = new List<ServedClient>();
        for (var i = 0; i < 12; i++)
        {
            var client = await _consulting.ClientAsync(partner);
            await _consulting.SlaAsync(partner, client, startsOn: new DateOnly(2026, 5, 1));
            clients.Add(client);
        }

        // Four instances' passes at the same moment, each with its own scope and connection.
        var at = new DateTime(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc);
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _consulting.RunPassAsync(at))));

        var numbers = new List<string>();
        foreach (var client in clients) numbers.Add(Assert.Single(await _consulting.InvoicesAsync(client.Client)).Number);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"CC-2026-{n:D4}"), numbers.Order());
        Assert.True(passes.Sum(p => p.Issued) >= 12);
        var outbox = await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).CountAsync(m => m.TenantId == partner.Partner.Id && m.Template == InvoiceIssuing.Template));
        Assert.Equal(12, outbox);
    }

    [Fact]
    public async Task IssueTheOtherSlasWhenOneCannotBeInvoicedAndReportTheRunAsFailed()
    {
        var partner = await _consulting.PartnerAsync(prefix: "OK");
        var stuck = await _consulting.ConsultantOfAsync(partner.Partner);
        await _consulting.SetPrefixAsync(partner, "ST", stuck);
        var fine = await _consulting.ClientAsync(partner);
        var blocked = await _consulting.ClientAsync(partner, consultant: stuck);
        await _consulting.SlaAsync(partner, blocked, consultant: stuck, startsOn: new DateOnly(2026, 8, 1));
        await _consulting.SlaAsync(partner, fine, startsOn: new DateOnly(2026, 8, 1));
        // Numbered into a later year already: an August 2026 number could repeat one, so it is refused.
        await World.InTenantAsync(partner.Partner, db => db.Set<InvoiceNumberSeries>().Where(s => s.ConsultantUserId == stuck.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Year, 2030).SetProperty(x => x.LastSequence, 3)));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _consulting.RunPassAsync(new DateTime(2026, 8, 1, 1, 0, 0, DateTimeKind.Utc)));

        Assert.StartsWith("1 SLA(s) could not be invoiced", failure.Message);
        Assert.Contains("in 2030 already", failure.Message);
        Assert.Equal("OK-2026-0001", Assert.Single(await _consulting.InvoicesAsync(fine.Client)).Number);
        Assert.Empty(await _consulting.InvoicesAsync(blocked.Client));
        Assert.Null(Assert.Single(await _consulting.SlasAsync(blocked.Client)).LastInvoicedPeriod); // its claim rolled back with it

        // Once the numbers are set right, the next run issues it; other tests' runs share this database.
        await World.InTenantAsync(partner.Partner, db => db.Set<InvoiceNumberSeries>().Where(s => s.ConsultantUserId == stuck.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Year, 0).SetProperty(x => x.LastSequence, 0)));
        await _consulting.RunPassAsync(new DateTime(2026, 8, 1, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal("ST-2026-0001", Assert.Single(await _consulting.InvoicesAsync(blocked.Client)).Number);
    }

    [Fact]
    public async Task MarkAnUnpaidInvoiceOverdueOnceItsTermsHavePassed()
    {
        var partner = await _consulting.PartnerAsync(prefix: "OD");
        var client = await _consulting.ClientAsync(partner);
        await _consulting.SlaAsync(partner, client, terms: 10, startsOn: new DateOnly(2026, 6, 1));
        await _consulting.RunPassAsync(new DateTime(2026, 6, 1, 1, 0, 0, DateTimeKind.Utc));

        await _consulting.RunPassAsync(new DateTime(2026, 6, 11, 23, 0, 0, DateTimeKind.Utc));
        Assert.Equal(InvoiceStatus.Open, Assert.Single(await _consulting.InvoicesAsync(client.Client)).Status);

        await _consulting.RunPassAsync(new DateTime(2026, 6, 12, 0, 10, 0, DateTimeKind.Utc));
        await _consulting.RunPassAsync(new DateTime(2026, 6, 12, 0, 20, 0, DateTimeKind.Utc));
        var overdue = Assert.Single(await _consulting.InvoicesAsync(client.Client));
        Assert.Equal(InvoiceStatus.Overdue, overdue.Status);
        Assert.Equal(new DateTime(2026, 6, 12, 0, 10, 0, DateTimeKind.Utc), overdue.OverdueAt);
        Assert.Equal(["invoice.overdue: OD-2026-0001: not paid by 2026-06-11"], await _consulting.AuditAsync(client.Client, "invoice.overdue"));
    }

    [Fact]
    public async Task SkipAClientOrPartnerWithTheModuleSwitchedOffUntilItIsOnAgain()
    {
        var partner = await _consulting.PartnerAsync(prefix: "SW");
        var off = await _consulting.ClientAsync(partner);
        var on = await _consulting.ClientAsync(partner);
        await _consulting.SlaAsync(partner, off, startsOn: new DateOnly(2026, 7, 1));
        await _consulting.SlaAsync(partner, on, startsOn: new DateOnly(2026, 7, 1));
        var otherPartner = await _consulting.PartnerAsync(prefix: "PO");
        var ofOtherPartner = await _consulting.ClientAsync(otherPartner);
        await _consulting.SlaAsync(otherPartner, ofOtherPartner, startsOn: new DateOnly(2026, 7, 1));
        await SwitchAsync(off.Client, false);
        await SwitchAsync(otherPartner.Partner, false);

        await _consulting.RunPassAsync(new DateTime(2026, 7, 1, 3, 0, 0, DateTimeKind.Utc));
        Assert.Empty(await _consulting.InvoicesAsync(off.Client));
        Assert.Empty(await _consulting.InvoicesAsync(ofOtherPartner.Client));
        Assert.Equal("SW-2026-0001", Assert.Single(await _consulting.InvoicesAsync(on.Client)).Number);

        await SwitchAsync(off.Client, null);
        await SwitchAsync(otherPartner.Partner, null);
        await _consulting.RunPassAsync(new DateTime(2026, 7, 2, 3, 0, 0, DateTimeKind.Utc));
        Assert.Equal("SW-2026-0002", Assert.Single(await _consulting.InvoicesAsync(off.Client)).Number);
        Assert.Equal("PO-2026-0001", Assert.Single(await _consulting.InvoicesAsync(ofOtherPartner.Client)).Number);
    }

    private async Task SwitchAsync(TestOrganization organization, bool? on)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ModuleSettings>().SaveAsync(organization.Id, new Dictionary<string, bool?> { [ConsultantSeatsModule.ModuleName] = on }));
    }
}
