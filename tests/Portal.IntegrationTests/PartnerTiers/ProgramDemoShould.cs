using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Demo;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>The demo's partner program: Northwind is Gold, with six earlier months of points from sold and managed MRR and badges, and this month's deal and case study.</summary>
public sealed class ProgramDemoShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    [Fact]
    public async Task ShowNorthwindAsGoldWithSixMonthsOfLedger()
    {
        var northwind = await World.GlobalAsync(db => db.Organizations.Where(o => o.Slug == "northwind").Select(o => o.Id).SingleAsync());
        var entries = await World.GlobalAsync(db => db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).Where(e => e.TenantId == northwind).ToListAsync());
        var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        Assert.Equal(Enumerable.Range(0, 7).Select(back => thisMonth.AddMonths(-back)).Order(), entries.Select(e => e.Period).Distinct().Order());
        Assert.Contains(entries, e => e.Source == PointSource.SoldMrr && e.Period < thisMonth && e.Points > 0);
        Assert.Contains(entries, e => e.Source == PointSource.ManagedMrr && e.SplitWays == 2);
        Assert.Contains(entries, e => e.Source == PointSource.Badge && e.Period == thisMonth);
        var tier = await World.GlobalAsync(db => db.Set<PartnerTier>().IgnoreQueryFilters(["Tenant"]).SingleAsync(t => t.TenantId == northwind));
        // Gold outright this month, not by grace: the approved, won deal and the case study count.
        Assert.Equal(("Gold", (DateOnly?)null), (tier.Tier, tier.GraceUntil));
        Assert.True(tier.Points >= 35m, $"{tier.Points} points");
        Assert.Contains(entries, e => e.Source == PointSource.Deal && e.Period == thisMonth && e.Points > 0);
        Assert.Contains(entries, e => e.Source == PointSource.CaseStudy && e.Period == thisMonth && e.Points > 0);

        // Adventure Works shares Tailspin's management: this month's managed MRR of Tailspin is split two ways, and it is Silver.
        var adventure = await World.GlobalAsync(db => db.Organizations.Where(o => o.Slug == "adventure-works").Select(o => o.Id).SingleAsync());
        Assert.Equal("Silver", (await World.GlobalAsync(db => db.Set<PartnerTier>().IgnoreQueryFilters(["Tenant"]).SingleAsync(t => t.TenantId == adventure))).Tier);
        var tailspin = await World.GlobalAsync(db => db.Organizations.Where(o => o.Slug == "tailspin").Select(o => o.Id).SingleAsync());
        Assert.All(await World.GlobalAsync(db => db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).Where(e => e.AccountId == tailspin && e.Source == PointSource.ManagedMrr && e.Period == thisMonth).ToListAsync()),
            e => Assert.Equal(2, e.SplitWays));

        using var browser = Factory.ClientFor("northwind.portal.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("reseller@northwind.test", DemoData.Password)).StatusCode);
        var (response, page) = await browser.GetPageAsync("/program");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Gold", page.QuerySelector("#tier")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#history li").Length);
        Assert.Null(page.QuerySelector("#grace"));
    }
}
