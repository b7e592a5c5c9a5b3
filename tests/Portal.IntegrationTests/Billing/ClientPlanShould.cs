using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>R6, R14, R15, A2: who changes a client's plan, the reseller's prices and who sees them, the billing-mode switch by consent, and no reach into another reseller's clients.</summary>
public sealed class ClientPlanShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task LetOnlyTheResellerChangeAResellerBilledClientsPlan()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Plan Resellers", "Managed Co");
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, page) = await client.GetPageAsync("/settings/plan");
        Assert.Contains("managed by Plan Resellers", page.QuerySelector("#managed-by")!.TextContent);
        Assert.Contains(BillingWorld.ResellerSupport, page.QuerySelector("#managed-by")!.TextContent);
        Assert.Null(page.QuerySelector("input[name=planId]"));

        var refused = await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["planId"] = Plan.Seeded.BasicId.ToString() }, "/settings/plan?handler=Plan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Plan Resellers manages the plan of Managed Co", (await PortalClient.ParseAsync(refused)).QuerySelector("#plan-error")!.TextContent);
        Assert.Null(await BillingWorld.SubscriptionAsync(World, world.Client));

        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        var path = $"/clients/{world.Client.Id}/plan";
        var changed = await reseller.PostFormAsync(path, new Dictionary<string, string> { ["planId"] = Plan.Seeded.BasicId.ToString() }, $"{path}?handler=Plan");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(Plan.Seeded.BasicId, (await BillingWorld.SubscriptionAsync(World, world.Client))!.PlanId);
        Assert.Equal(["plan.changed: Free → Basic (by reseller Plan Resellers)"], await BillingWorld.AuditAsync(World, world.Client, "plan."));
        Assert.Equal(["client.plan_changed: Managed Co: Free → Basic"], await BillingWorld.AuditAsync(World, world.Reseller, "client.plan_changed"));
        var (_, after) = await client.GetPageAsync("/settings/plan");
        Assert.Equal("Basic", after.QuerySelector("#plan-name")!.TextContent);
        Assert.Equal("Paid", after.QuerySelector(".status")!.TextContent.Trim());
    }

    [Fact]
    public async Task LetADirectClientsAdminChangeItsOwnPlan()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Direct Plan Co");
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);
        var (_, page) = await client.GetPageAsync("/settings/plan");
        Assert.Contains("29.00 USD per month", page.QuerySelector($"input[value='{Plan.Seeded.BasicId}']")!.ParentElement!.TextContent);

        var changed = await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["planId"] = Plan.Seeded.ProId.ToString() }, "/settings/plan?handler=Plan");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(Plan.Seeded.ProId, (await BillingWorld.SubscriptionAsync(World, org))!.PlanId);
        Assert.Equal(["plan.changed: Free → Pro"], await BillingWorld.AuditAsync(World, org, "plan.changed"));
        var unknown = await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["planId"] = Guid.NewGuid().ToString() }, "/settings/plan?handler=Plan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(Plan.Seeded.ProId, (await BillingWorld.SubscriptionAsync(World, org))!.PlanId);
    }

    [Fact]
    public async Task MarkADowngradeThatPutsUsageOverALimit()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.BasicId);
        await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 55);
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        var path = $"/clients/{world.Client.Id}/plan";

        await reseller.PostFormAsync(path, new Dictionary<string, string> { ["planId"] = Plan.Seeded.FreeId.ToString() }, $"{path}?handler=Plan");
        var (_, page) = await reseller.GetPageAsync(path);
        Assert.Equal("Over limit", page.QuerySelector(".status")!.TextContent.Trim());
        Assert.Equal("records", (await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitKinds);

        await reseller.PostFormAsync(path, new Dictionary<string, string> { ["planId"] = Plan.Seeded.BasicId.ToString() }, $"{path}?handler=Plan");
        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitSince);
    }

    [Fact]
    public async Task ShowTheResellerItsCostAndRecordItsOwnPriceWhichTheClientSeesWithoutTheCost()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Pricing Resellers", "Priced Co");
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.BasicId);
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        var path = $"/clients/{world.Client.Id}/plan";
        var (_, page) = await reseller.GetPageAsync(path);
        Assert.Equal("29.00 USD per month", page.QuerySelector("#list-price")!.TextContent);
        Assert.Equal("23.20 USD per month", page.QuerySelector("#reseller-cost")!.TextContent);
        Assert.Equal("not recorded", page.QuerySelector("#own-price")!.TextContent);

        foreach (var (price, currency, message) in new[] { ("lots", "EUR", "Enter the price as a number"), ("-5", "EUR", "from 0 to"), ("49.999", "EUR", "at most two decimals"), ("49.90", "EURO", "three-letter code") })
        {
            var bad = await reseller.PostFormAsync(path, new Dictionary<string, string> { ["Price"] = price, ["Currency"] = currency, ["PriceKind"] = "Monthly" }, $"{path}?handler=Price");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains(message, (await PortalClient.ParseAsync(bad)).QuerySelector("#plan-error")!.TextContent);
        }

        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.ResellerPrice);
        var saved = await reseller.PostFormAsync(path, new Dictionary<string, string> { ["Price"] = "49.90", ["Currency"] = "eur", ["PriceKind"] = "Monthly" }, $"{path}?handler=Price");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await reseller.GetPageAsync(path);
        Assert.Equal("49.90 EUR per month", after.QuerySelector("#own-price")!.TextContent);
        Assert.Equal(["client.price_set: Priced Co: 49.90 EUR monthly"], await BillingWorld.AuditAsync(World, world.Reseller, "client.price_set"));

        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, clientPage) = await client.GetPageAsync("/settings/plan");
        Assert.Equal("Pricing Resellers charges you 49.90 EUR per month.", clientPage.QuerySelector("#your-price")!.TextContent);
        var html = clientPage.Body!.InnerHtml;
        Assert.DoesNotContain("23.20", html);
        Assert.DoesNotContain("29.00", html);
        Assert.DoesNotContain("cost", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("discount", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SwitchTheBillingModeOnlyWithTheOtherSidesConsentAndAuditItOnBothSides()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Consent Resellers", "Consent Co");
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var path = $"/clients/{world.Client.Id}/plan";

        Assert.Equal(HttpStatusCode.Redirect, (await reseller.PostFormAsync(path, new Dictionary<string, string> { ["mode"] = "ClientBilled" }, $"{path}?handler=BillingMode")).StatusCode);
        var pending = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.Equal(BillingMode.ResellerBilled, pending.BillingMode);
        Assert.Equal(BillingMode.ClientBilled, pending.RequestedBillingMode);
        var ownAnswer = await reseller.PostFormAsync(path, new Dictionary<string, string> { ["accept"] = "true" }, $"{path}?handler=Answer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ownAnswer.StatusCode);
        Assert.Equal(BillingMode.ResellerBilled, (await BillingWorld.SubscriptionAsync(World, world.Client))!.BillingMode);

        var (_, page) = await client.GetPageAsync("/settings/plan");
        Assert.Contains("Consent Resellers asks to switch to client-billed", page.QuerySelector("#billing-title")!.ParentElement!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["accept"] = "false" }, "/settings/plan?handler=Answer")).StatusCode);
        var declined = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.Equal(BillingMode.ResellerBilled, declined.BillingMode);
        Assert.Null(declined.RequestedBillingMode);

        Assert.Equal(HttpStatusCode.Redirect, (await reseller.PostFormAsync(path, new Dictionary<string, string> { ["mode"] = "ClientBilled" }, $"{path}?handler=BillingMode")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["accept"] = "true" }, "/settings/plan?handler=Answer")).StatusCode);
        Assert.Equal(BillingMode.ClientBilled, (await BillingWorld.SubscriptionAsync(World, world.Client))!.BillingMode);

        var expected = new[] { "requested: reseller-billed → client-billed, asked by Consent Resellers", "declined: reseller-billed → client-billed, declined by Consent Co", "requested: reseller-billed → client-billed, asked by Consent Resellers", "accepted: reseller-billed → client-billed, accepted by Consent Co" };
        Assert.Equal(expected.Select(e => "billing_mode." + e), await BillingWorld.AuditAsync(World, world.Client, "billing_mode."));
        Assert.Equal(expected.Select(e => "client.billing_mode_" + e.Replace(": ", ": Consent Co: ")), await BillingWorld.AuditAsync(World, world.Reseller, "client.billing_mode"));

        // Client-billed: the client chooses its plan now, and the reseller's host cannot.
        var refused = await reseller.PostFormAsync(path, new Dictionary<string, string> { ["planId"] = Plan.Seeded.ProId.ToString() }, $"{path}?handler=Plan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/plan", new Dictionary<string, string> { ["planId"] = Plan.Seeded.BasicId.ToString() }, "/settings/plan?handler=Plan")).StatusCode);
        Assert.Equal(Plan.Seeded.BasicId, (await BillingWorld.SubscriptionAsync(World, world.Client))!.PlanId);
    }

    [Fact]
    public async Task ShowASupportSpecialistNoPricesAndRefuseEveryPriceAction()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.BasicId, s => { s.ResellerPrice = 77m; s.ResellerPriceCurrency = "USD"; });
        var specialist = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Reseller, specialist, OrganizationRole.Member);
        await World.InTenantAsync(world.Reseller, async db =>
        {
            (await db.Memberships.SingleAsync(m => m.UserId == specialist.Id)).SupportSpecialist = true;
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { UserId = specialist.Id, ClientId = world.Client.Id, AssignedByUserId = world.ResellerAdmin.Id, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var session = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, specialist);
        var path = $"/clients/{world.Client.Id}/plan";

        var (response, page) = await session.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Basic", page.QuerySelector("#plan-name")!.TextContent);
        Assert.NotNull(page.QuerySelector("table.plan-usage"));
        foreach (var hidden in new[] { "#list-price", "#reseller-cost", "#own-price", "#billing-mode", "input[name=planId]", "input[name=Price]" }) Assert.Null(page.QuerySelector(hidden));
        Assert.DoesNotContain("77.00", page.Body!.InnerHtml);
        Assert.DoesNotContain("29.00", page.Body!.InnerHtml);

        var attempts = new (string Handler, Dictionary<string, string> Fields)[]
        {
            ("Plan", new() { ["planId"] = Plan.Seeded.ProId.ToString() }),
            ("Price", new() { ["Price"] = "1", ["Currency"] = "USD", ["PriceKind"] = "Fixed" }),
            ("BillingMode", new() { ["mode"] = "ClientBilled" }),
            ("Answer", new() { ["accept"] = "true" }),
        };
        foreach (var (handler, fields) in attempts)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFormAsync(path, fields, $"{path}?handler={handler}")).StatusCode);
        }

        var unchanged = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.Equal((Plan.Seeded.BasicId, 77m, (BillingMode?)null), (unchanged.PlanId, unchanged.ResellerPrice!.Value, unchanged.RequestedBillingMode));
    }

    [Fact]
    public async Task AnswerNotFoundForClientsThatAreNotLinkedOrNotAssignedAndChangeNothing()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var other = await BillingWorld.ResellerWithClientAsync(World, "Other Resellers", "Not Yours Co");
        var direct = await World.CreateOrganizationAsync("Direct Co");
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        Assert.Equal(HttpStatusCode.OK, (await reseller.GetAsync($"/clients/{world.Client.Id}/plan")).StatusCode);

        foreach (var id in new[] { other.Client.Id, direct.Id, other.Reseller.Id, world.Reseller.Id, Guid.NewGuid() })
        {
            var path = $"/clients/{id}/plan";
            Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync(path)).StatusCode);
            foreach (var (handler, fields) in new (string, Dictionary<string, string>)[] { ("Plan", new() { ["planId"] = Plan.Seeded.ProId.ToString() }), ("Price", new() { ["Price"] = "5", ["Currency"] = "USD", ["PriceKind"] = "Fixed" }), ("BillingMode", new() { ["mode"] = "ClientBilled" }), ("Trial", NoFields) })
            {
                var post = await reseller.PostFormAsync($"/clients/{world.Client.Id}/plan", fields, $"{path}?handler={handler}");
                Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            }
        }

        foreach (var org in new[] { other.Client, direct, other.Reseller, world.Reseller })
        {
            Assert.Null(await BillingWorld.SubscriptionAsync(World, org));
        }

        // A partner employee without an assignment to the client does not reach it either.
        var employee = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Reseller, employee, OrganizationRole.Member);
        using var session = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, employee);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/clients/{world.Client.Id}/plan")).StatusCode);
    }

    [Fact]
    public async Task ExistOnlyOnTheResellersOwnHostForItsPeople()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var path = $"/clients/{world.Client.Id}/plan";

        using (var signedOut = Factory.ClientFor(world.Reseller.Host))
        {
            var response = await signedOut.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        using (var unknown = Factory.ClientFor("no-such-reseller.portal.test"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path)).StatusCode);
        }

        // Someone whose membership of the reseller ended after signing in (no one else can sign in on its host).
        var outsider = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Reseller, outsider, OrganizationRole.Member);
        using (var noMembership = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, outsider))
        {
            await World.EndMembershipAsync(world.Reseller, outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await noMembership.GetAsync(path)).StatusCode);
        }

        // The client's own host has no reseller pages, even for its owner.
        using (var onClient = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onClient.GetAsync(path)).StatusCode);
        }

        // The reseller's session does not carry to the client's host.
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        var cookie = reseller.Jar.GetCookies(new Uri($"http://{world.Reseller.Host}/"))[".portal.session"]!;
        using var onOther = Factory.ClientFor(world.Client.Host);
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/plan");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        var carried = await onOther.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, carried.StatusCode);
        Assert.StartsWith("/account/signin", carried.Headers.Location!.PathAndQuery);
    }
}
