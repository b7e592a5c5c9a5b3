using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>The demo's SLA (C10): Northwind's consultant bills Contoso Dental 300 EUR a month; one invoice is paid, one overdue.</summary>
public sealed class BillingDemoShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    [Fact]
    public async Task SeedAnSlaWithContosoWithOnePaidAndOneOverdueInvoiceNumberedNw()
    {
        var slas = await World.GlobalAsync(db => db.Set<ServiceLevelAgreement>().IgnoreQueryFilters(["Tenant"])
            .Join(db.Users, s => s.ConsultantUserId, u => u.Id, (s, u) => new { s, u.Email })
            .Join(db.Organizations, x => x.s.TenantId, o => o.Id, (x, o) => new { x.s.MonthlyFee, x.s.Currency, x.Email, Client = o.Name })
            .ToListAsync());
        var sla = Assert.Single(slas);
        Assert.Equal((300m, "EUR", DemoData.ConsultantEmail, "Contoso Dental"), (sla.MonthlyFee, sla.Currency, sla.Email, sla.Client));
        // Invoices of the past are not e-mailed: seeding runs before the server listens, when no link can name its port.
        Assert.Equal(0, await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).CountAsync(m => m.Template == InvoiceIssuing.Template)));

        using var owner = Factory.ClientFor("book.contoso-dental.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync("owner@contoso-dental.test", DemoData.Password)).StatusCode);
        var (_, page) = await owner.GetPageAsync("/settings/invoices");
        var rows = page.QuerySelectorAll("#invoices tbody tr").Select(r => (Number: r.Children[0].TextContent, Status: r.QuerySelector(".status")!.TextContent)).ToList();
        var year = DateTime.UtcNow.AddMonths(-2).Year;
        Assert.Contains(rows, r => r.Number == $"NW-{year}-0001" && r.Status == "Paid");
        Assert.Contains(rows, r => r.Number.StartsWith("NW-", StringComparison.Ordinal) && r.Status == "Overdue, past the grace period");

        using var consultant = Factory.ClientFor("northwind.portal.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await consultant.SignInAsync(DemoData.ConsultantEmail, DemoData.Password)).StatusCode);
        var (_, invoices) = await consultant.GetPageAsync("/consulting/invoices");
        Assert.Equal("Outstanding: 300.00 EUR.", invoices.QuerySelector("#outstanding")!.TextContent.Trim());
        Assert.Equal("NW", invoices.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Prefix")!.Value);
    }
}
