using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>The demo's plans: Contoso on Basic at Northwind's own price, Fabrikam on Free within reach of its record limit, Tailspin in its trial.</summary>
public sealed class DemoPlansShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    [Fact]
    public async Task PutTheDemoClientsOnTheirPlans()
    {
        var ids = await World.GlobalAsync(db => db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id));
        await using var scope = Factory.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<AccountPlans>();

        var contoso = (await plans.GetAsync(ids["Contoso Dental"]))!;
        Assert.Equal(("Basic", AccountStatus.Paid, true, 49m), (contoso.Plan.Name, contoso.Status, contoso.IsResellerBilled, contoso.Subscription!.ResellerPrice!.Value));
        var fabrikam = (await plans.GetAsync(ids["Fabrikam Fitness"]))!;
        Assert.Equal(("Free", AccountStatus.Free, 50L), (fabrikam.Plan.Name, fabrikam.Status, fabrikam.LimitOf(LimitKind.Records)!.Value));
        Assert.InRange(fabrikam.Usage.Records, 0, 49);
        var tailspin = (await plans.GetAsync(ids["Tailspin Toys"]))!;
        Assert.Equal((AccountStatus.Trial, (long?)null), (tailspin.Status, tailspin.LimitOf(LimitKind.Records)));
    }

    [Fact]
    public async Task ShowNorthwindItsPriceForContoso()
    {
        var contosoId = await World.GlobalAsync(db => db.Organizations.Where(o => o.Name == "Contoso Dental").Select(o => o.Id).SingleAsync());
        using var reseller = Factory.ClientFor("northwind.portal.localhost");
        await reseller.SignInAsync("reseller@northwind.test", DemoData.Password);
        var (response, page) = await reseller.GetPageAsync($"/clients/{contosoId}/plan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("49.00 USD per month", page.QuerySelector("#own-price")!.TextContent);
        // Northwind is a Gold partner in the demo: its reseller discount is Gold's 25 % (R6 from the tier, P6), not the flat 20 %.
        Assert.Equal("21.75 USD per month", page.QuerySelector("#reseller-cost")!.TextContent);
    }
}
