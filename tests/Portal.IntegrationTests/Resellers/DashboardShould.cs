using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R4, R13, R15: the reseller dashboard lists the clients a partner user may enter, with plan, status, usage and prices.</summary>
public sealed class DashboardShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListEveryLinkedClientWithPlanStatusUsageAndPricesForAPartnerAdmin()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.Second, Plan.Seeded.ProId, resellerPrice: 149m);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var (response, page) = await admin.GetPageAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["Alpha Dental", "Beta Fitness"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var beta = rows[1];
        Assert.Contains(world.Second.Host, beta.TextContent);
        Assert.Equal("paid", beta.QuerySelector(".status")!.TextContent.Trim());
        Assert.Equal("99.00 USD", beta.QuerySelector(".list-price")!.TextContent.Trim());
        Assert.Equal("79.20 USD", beta.QuerySelector(".cost")!.TextContent.Trim());
        Assert.StartsWith("149.00 USD", beta.QuerySelector(".own-price")!.TextContent.Trim());
        var alpha = rows[0];
        Assert.Equal("free", alpha.QuerySelector(".status")!.TextContent.Trim());
        Assert.Contains("1 / 2", alpha.TextContent); // one member of the free plan's two
        Assert.NotNull(alpha.QuerySelector($"a[href='/clients/{world.First.Id}/plan']"));
        Assert.NotNull(alpha.QuerySelector($"a[href='/clients/{world.First.Id}']"));
        Assert.NotNull(page.QuerySelector("#partner-code"));
        Assert.DoesNotContain("Gamma Not Yours", page.Body!.TextContent);
        Assert.DoesNotContain("Delta Direct", page.Body.TextContent);
    }

    [Fact]
    public async Task ShowAnEmployeeOnlyTheClientsAssignedToThem()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Employee, world.Second);
        using var employee = await Factory.SignedInAsync(world.Reseller.Host, world.Employee);

        var (_, page) = await employee.GetPageAsync("/clients");

        Assert.Equal(["Beta Fitness"], page.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.NotFound, (await employee.GetAsync($"/clients/{world.First.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync($"/clients/{world.Second.Id}")).StatusCode);
    }

    [Fact]
    public async Task ShowASupportSpecialistNoPricesCostsOrBilling()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.First, Plan.Seeded.BasicId, resellerPrice: 45m);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Specialist, world.First);
        using var specialist = await Factory.SignedInAsync(world.Reseller.Host, world.Specialist);

        var (_, page) = await specialist.GetPageAsync("/clients");
        Assert.Equal(["Alpha Dental"], page.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.QuerySelectorAll(".list-price, .cost, .own-price"));
        Assert.DoesNotContain("29.00", page.Body!.TextContent);
        Assert.DoesNotContain("45.00", page.Body.TextContent);
        Assert.Null(page.QuerySelector($"a[href='/clients/{world.First.Id}/plan']"));

        var (_, detail) = await specialist.GetPageAsync($"/clients/{world.First.Id}");
        Assert.DoesNotContain("29.00", detail.Body!.TextContent);
        Assert.DoesNotContain("List price", detail.Body.TextContent);
    }

    [Fact]
    public async Task SearchByNameOrAddressSortAndPage()
    {
        var reseller = await World.CreateOrganizationAsync("Paging Partner", OrganizationKind.Partner);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, admin, OrganizationRole.Admin);
        for (var i = 1; i <= 30; i++) await World.CreateOrganizationAsync($"Client {i:00}", reseller: reseller);
        var pro = await World.CreateOrganizationAsync("Zed Pro", reseller: reseller);
        await ResellerWorld.SubscribeAsync(World, pro, Plan.Seeded.ProId);
        using var client = await Factory.SignedInAsync(reseller.Host, admin);

        var (_, first) = await client.GetPageAsync("/clients");
        Assert.Equal(25, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Client 01", first.QuerySelector("tbody tr td")!.TextContent.Trim());
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await client.GetPageAsync(next);
        Assert.Equal(["Client 26", "Client 27", "Client 28", "Client 29", "Client 30", "Zed Pro"], second.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Null(second.QuerySelector("a[rel=next]"));

        var (_, search) = await client.GetPageAsync("/clients?q=client%201");
        Assert.Equal(10, search.QuerySelectorAll("tbody tr").Length); // Client 10–19
        var (_, byHost) = await client.GetPageAsync($"/clients?q={pro.Slug}");
        Assert.Equal(["Zed Pro"], byHost.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        var (_, none) = await client.GetPageAsync("/clients?q=nothing-like-this");
        Assert.NotNull(none.QuerySelector("#no-clients"));

        var (_, byPrice) = await client.GetPageAsync("/clients?sort=price&desc=true");
        Assert.Equal("Zed Pro", byPrice.QuerySelector("tbody tr td")!.TextContent.Trim());
        var (_, byPlan) = await client.GetPageAsync("/clients?sort=plan&desc=true");
        Assert.Equal("Zed Pro", byPlan.QuerySelector("tbody tr td")!.TextContent.Trim());
        var (_, byName) = await client.GetPageAsync("/clients?sort=name&desc=true");
        Assert.Equal("Zed Pro", byName.QuerySelector("tbody tr td")!.TextContent.Trim());
        var (_, byCreated) = await client.GetPageAsync("/clients?sort=created&desc=true");
        Assert.Equal("Zed Pro", byCreated.QuerySelector("tbody tr td")!.TextContent.Trim());
        Assert.Equal("descending", byCreated.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task SortByLastActivityAndFollowARenameOnTheClientsHost()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        // The client's owner uses the account: its last activity is stamped.
        using (var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner))
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings")).StatusCode);
        }

        var (_, byActivity) = await admin.GetPageAsync("/clients?sort=activity&desc=true");
        var top = byActivity.QuerySelector("tbody tr")!;
        Assert.Equal("Alpha Dental", top.QuerySelector("td")!.TextContent.Trim());
        Assert.DoesNotContain("never", top.TextContent);

        // Renamed by its owner on its own host (the kernel's settings page): the kernel announces it
        // and the row follows at once. (Status changes: DashboardSortShould, one per write path.)
        using (var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Zulu Dental" })).StatusCode);
        }

        var (_, byName) = await admin.GetPageAsync("/clients?sort=name&desc=true");
        Assert.Equal("Zulu Dental", byName.QuerySelector("tbody tr td")!.TextContent.Trim());
        var (_, search) = await admin.GetPageAsync("/clients?q=zulu");
        Assert.Equal(["Zulu Dental"], search.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task LandAPartnersPeopleOnTheClientListAndAClientsOwnerOnTheirHome()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = Factory.ClientFor(world.Reseller.Host);
        Assert.Equal("/clients", (await admin.SignInAsync(world.Admin.Email!)).Headers.Location!.OriginalString);
        // The organization's own home is still there for the partner, never a redirect.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard")).StatusCode);

        using var owner = Factory.ClientFor(world.First.Host);
        Assert.Equal("/dashboard", (await owner.SignInAsync(world.ClientOwner.Email!)).Headers.Location!.OriginalString);
        var (home, page) = await owner.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotNull(page.QuerySelector("#home-plan"));
    }

    [Fact]
    public async Task NeverShowAClientItsResellersPricesOrOtherClients()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.First, Plan.Seeded.BasicId, resellerPrice: 45m);
        using var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner);
        foreach (var path in new[] { "/clients", "/clients/export.csv", "/clients/export.xlsx", $"/clients/{world.Second.Id}", "/team", "/clients/new", "/clients/connect", "/team/merge" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(path)).StatusCode);
        }

        var (_, settings) = await owner.GetPageAsync("/settings/reseller");
        Assert.DoesNotContain("45.00", settings.Body!.TextContent); // not "45": a random e-mail address on the page may hold those digits
        Assert.DoesNotContain("Beta Fitness", settings.Body.TextContent);
        Assert.Contains("Northwind Partners", settings.Body.TextContent);
    }
}
