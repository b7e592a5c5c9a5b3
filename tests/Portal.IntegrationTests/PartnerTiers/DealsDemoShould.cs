using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.Demo;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>The demo: Northwind has a won, approved deal earning the discount, an approved case study and one open dispute.</summary>
public sealed class DealsDemoShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    [Fact]
    public async Task ShowNorthwindsApprovedDealCaseStudyAndOpenDispute()
    {
        using var northwind = Factory.ClientFor("northwind.portal.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await northwind.SignInAsync("reseller@northwind.test", DemoData.Password)).StatusCode);

        var (_, deals) = await northwind.GetPageAsync("/program/deals");
        var deal = Assert.Single(deals.QuerySelectorAll("table.deals tbody tr"));
        Assert.Contains(DealsDemo.DealCustomer, deal.TextContent);
        Assert.Equal("Won", deal.QuerySelector(".stage")!.TextContent);
        Assert.Contains("Earns the deal-registration discount: 10 % (3,600.00 USD a year)", deal.QuerySelector(".discount")!.TextContent);

        var (_, studies) = await northwind.GetPageAsync("/program/case-studies");
        var study = Assert.Single(studies.QuerySelectorAll("table.case-studies tbody tr"));
        Assert.Contains(DealsDemo.CaseStudyCustomer, study.TextContent);
        Assert.Contains("Approved", study.QuerySelector(".status")!.TextContent);

        var (_, disputes) = await northwind.GetPageAsync("/program/disputes");
        var dispute = Assert.Single(disputes.QuerySelectorAll("table.disputes tbody tr"));
        Assert.Equal("Open", dispute.QuerySelector(".status")!.TextContent);
        Assert.Contains(DealsDemo.DisputeReason, dispute.TextContent);
        var disputed = await World.GlobalAsync(db => db.Set<LedgerDispute>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Join(db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]), d => d.LedgerEntryId, e => e.Id, (d, e) => e).SingleAsync());
        Assert.NotEqual(PointSource.Correction, disputed.Source);
    }
}
