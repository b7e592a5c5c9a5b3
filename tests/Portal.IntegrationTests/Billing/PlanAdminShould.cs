using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>R6, R7: the platform admin defines plans (price, currency, limits, white-label) on the platform host only.</summary>
public sealed class PlanAdminShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task CreateAPlanThatAccountsAreThenOffered()
    {
        using var admin = await PlatformAdminAsync();
        var code = TestWorld.UniqueSlug("team");
        var created = await admin.PostFormAsync("/platform/plans/edit", Fields(code, name: "Team", price: "59.50", currency: "eur", records: "20000", members: "25", domains: "3"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var plan = await World.GlobalAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Code == code));
        Assert.Equal(("Team", 59.50m, "EUR", 20000L, 25, 3, false), (plan.Name, plan.MonthlyListPrice, plan.Currency, plan.RecordLimit!.Value, plan.MemberLimit!.Value, plan.CustomDomainLimit!.Value, plan.IsDefault));
        var (_, list) = await admin.GetPageAsync("/platform/plans");
        Assert.Contains("59.50 EUR", list.QuerySelector($"tr[data-code='{code}']")!.TextContent);

        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);
        var (_, offered) = await client.GetPageAsync("/settings/plan");
        Assert.NotNull(offered.QuerySelector($"input[name=planId][value='{plan.Id}']"));
    }

    public static TheoryData<string, string, string, string, string, string> BadInput => new()
    {
        { "name", "", "10", "USD", "5", "Enter the plan's name." },
        { "code", "Has Spaces", "10", "USD", "5", "Use lower-case letters, digits and single hyphens only" },
        { "code", "basic", "10", "USD", "5", "Another plan has the code basic." },
        { "price", "new", "-1", "USD", "5", "Enter a price from 0 to 1,000,000." },
        { "price", "new", "9.999", "USD", "5", "at most two decimals" },
        { "currency", "new", "10", "DOLLARS", "5", "three-letter code" },
        { "limit", "new", "10", "USD", "-3", "Enter 0 or more" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task RefuseBadInputOnTheSamePageAndSaveNothing(string why, string code, string price, string currency, string records, string message)
    {
        using var admin = await PlatformAdminAsync();
        var before = await World.GlobalAsync(db => db.Plans.CountAsync());
        code = code == "new" ? TestWorld.UniqueSlug("plan") : code;

        var response = await admin.PostFormAsync("/platform/plans/edit", Fields(code, name: why == "name" ? "" : "Some plan", price: price, currency: currency, records: records));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#plan-errors"));
        Assert.Contains(message, page.QuerySelector("main")!.TextContent);
        Assert.Equal(before, await World.GlobalAsync(db => db.Plans.CountAsync()));
    }

    [Fact]
    public async Task EditAPlanAndArchiveItSoNobodyNewChoosesIt()
    {
        using var admin = await PlatformAdminAsync();
        var code = TestWorld.UniqueSlug("old");
        await admin.PostFormAsync("/platform/plans/edit", Fields(code, name: "Old"));
        var id = await World.GlobalAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/platform/plans/edit/{id}", Fields(code, name: "Older", price: "12", records: ""))).StatusCode);
        var edited = await World.GlobalAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("Older", 12m, (long?)null), (edited.Name, edited.MonthlyListPrice, edited.RecordLimit));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = id.ToString() }, "/platform/plans?handler=Archive")).StatusCode);
        Assert.NotNull(await World.GlobalAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.ArchivedAt).SingleAsync()));
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);
        var (_, offered) = await client.GetPageAsync("/settings/plan");
        Assert.Null(offered.QuerySelector($"input[name=planId][value='{id}']"));
        var chosen = await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["planId"] = id.ToString() }, "/settings/plan?handler=Plan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, chosen.StatusCode);

        var defaultArchived = await admin.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = Plan.Seeded.FreeId.ToString() }, "/platform/plans?handler=Archive");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, defaultArchived.StatusCode);
        Assert.Contains("is the default plan", (await PortalClient.ParseAsync(defaultArchived)).QuerySelector("#plans-error")!.TextContent);
        Assert.Null(await World.GlobalAsync(db => db.Plans.Where(p => p.Id == Plan.Seeded.FreeId).Select(p => p.ArchivedAt).SingleAsync()));
    }

    [Fact]
    public async Task KeepExactlyOneDefaultPlan()
    {
        using var admin = await PlatformAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = Plan.Seeded.BasicId.ToString() }, "/platform/plans?handler=Default")).StatusCode);
        Assert.Equal([Plan.Seeded.BasicId], await World.GlobalAsync(db => db.Plans.Where(p => p.IsDefault).Select(p => p.Id).ToListAsync()));

        // Back to the seeded default, so the other tests of this class see Free as new accounts' plan.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/platform/plans", new Dictionary<string, string> { ["planId"] = Plan.Seeded.FreeId.ToString() }, "/platform/plans?handler=Default")).StatusCode);
        Assert.Equal([Plan.Seeded.FreeId], await World.GlobalAsync(db => db.Plans.Where(p => p.IsDefault).Select(p => p.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("/platform/plans")]
    [InlineData("/platform/plans/edit")]
    public async Task ExistOnlyOnThePlatformHostForPlatformAdmins(string path)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using (var onTenant = await BillingWorld.SignedInAsync(Factory, org.Host, owner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onTenant.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await onTenant.Http.PostAsync(path, new FormUrlEncodedContent(Fields("x", name: "x")))).StatusCode);
        }

        using (var unknown = Factory.ClientFor("no-such-org.portal.test"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path)).StatusCode);
        }

        using (var signedOut = Factory.ClientFor(PortalFactory.PlatformDomain))
        {
            var response = await signedOut.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        // Only platform admins sign in on the platform host: anyone else stays signed out there.
        var notAdmin = await World.CreateUserAsync();
        using var plain = await BillingWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, notAdmin);
        var refused = await plain.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/signin", refused.Headers.Location!.PathAndQuery);
    }

    private async Task<PortalClient> PlatformAdminAsync() =>
        await BillingWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, await World.CreateUserAsync(platformAdmin: true));

    private static Dictionary<string, string> Fields(string code, string name = "Plan", string price = "10", string currency = "USD", string records = "100", string members = "5", string domains = "1") => new()
    {
        ["Input.Name"] = name,
        ["Input.Code"] = code,
        ["Input.MonthlyListPrice"] = price,
        ["Input.Currency"] = currency,
        ["Input.RecordLimit"] = records,
        ["Input.MemberLimit"] = members,
        ["Input.CustomDomainLimit"] = domains,
        ["Input.WhiteLabel"] = "true",
        ["Input.SortOrder"] = "5",
    };
}
