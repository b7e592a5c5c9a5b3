using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.IntegrationTests;

/// <summary>The demo world the README promises, seeded only in Development.</summary>
public sealed class DemoDataShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    public sealed class DevelopmentFactory() : PortalFactory(new Dictionary<string, string?> { ["Portal:PlatformDomain"] = "portal.localhost" }, "Development");

    [Fact]
    public async Task SeedTheNamedOrganizationsOnTheirHosts()
    {
        var orgs = await World.GlobalAsync(db => db.Organizations.Include(o => o.Domains).ToDictionaryAsync(o => o.Name));
        Assert.Equal(["Adventure Works Consulting", "Contoso Dental", "Fabrikam Fitness", "Northwind Partners", "Tailspin Toys"], orgs.Keys.Order());
        Assert.Equal(OrganizationKind.Partner, orgs["Adventure Works Consulting"].Kind);
        Assert.Equal(OrganizationKind.Partner, orgs["Northwind Partners"].Kind);
        Assert.Equal("northwind", orgs["Northwind Partners"].Slug);
        Assert.Equal("book.contoso-dental.localhost", orgs["Contoso Dental"].PrimaryHost);
        Assert.NotNull(orgs["Contoso Dental"].Domains.Single().VerifiedAt);
        Assert.Equal("#0E7C86", orgs["Contoso Dental"].Branding.PrimaryColor);
        Assert.Equal("hello@contoso-dental.test", orgs["Contoso Dental"].Branding.MailFromAddress);
        Assert.Equal("Contoso Dental", orgs["Contoso Dental"].Branding.MailFromName);
        Assert.Equal("#C2410C", orgs["Fabrikam Fitness"].Branding.PrimaryColor);

        var links = await World.GlobalAsync(db => db.PartnerClientLinks.Select(l => new { Partner = l.Partner!.Name, Client = l.Client!.Name }).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal("Northwind Partners", l.Partner));
        Assert.DoesNotContain(links, l => l.Client == "Tailspin Toys"); // a direct client
    }

    [Fact]
    public async Task SendTheBareLocalhostTheConsolePrintsToThePlatformHost()
    {
        using var client = Factory.ClientFor("localhost");

        var response = await client.GetAsync("/partners?q=dental");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(response.Headers.Location!.OriginalString);
        Assert.Equal(("portal.localhost", "/partners", "?q=dental"), (location.Host, location.AbsolutePath, location.Query));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode); // probes still answer on any host
    }

    [Fact]
    public async Task ListTheDemoLoginsOnlyWhileTheyWorkAsPrinted()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerPortal.Data.PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        Assert.Empty(await DemoData.DriftAsync(db, users));

        await World.GlobalAsync(d => d.Organizations.Where(o => o.Slug == "tailspin").ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Tailspin Renamed")));
        try
        {
            Assert.Equal(["Tailspin Toys is not there as seeded"], await DemoData.DriftAsync(db, users));
        }
        finally
        {
            await World.GlobalAsync(d => d.Organizations.Where(o => o.Slug == "tailspin").ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Tailspin Toys")));
        }
    }

    [Fact]
    public async Task GiveContosoASolutionBuiltByNorthwindsConsultant()
    {
        var consultant = await World.GlobalAsync(db => db.Users.SingleAsync(u => u.Email == DemoData.ConsultantEmail));
        var contoso = await World.GlobalAsync(db => db.Organizations.Where(o => o.Slug == "contoso").Select(o => o.Id).SingleAsync());
        var recall = await World.GlobalAsync(db => db.Set<PartnerPortal.Solutions.Solution>().IgnoreQueryFilters(["Tenant"])
            .SingleAsync(s => s.TenantId == contoso && s.Name == "Recall reminders"));
        var workspace = await World.GlobalAsync(db => db.Workspaces.IgnoreQueryFilters(["Tenant"]).Where(w => w.Id == recall.WorkspaceId).Select(w => w.Name).SingleAsync());
        Assert.Equal((consultant.Id, "General", (int?)1), (recall.CreatedByUserId, workspace, recall.CurrentVersion));
    }

    [Theory]
    [InlineData("book.contoso-dental.localhost", "owner@contoso-dental.test", "Contoso Dental")]
    [InlineData("fabrikam.portal.localhost", "owner@fabrikam-fitness.test", "Fabrikam Fitness")]
    [InlineData("tailspin.portal.localhost", "owner@tailspin.test", "Tailspin Toys")]
    [InlineData("northwind.portal.localhost", "reseller@northwind.test", "Northwind Partners")]
    [InlineData("adventure-works.portal.localhost", "owner@adventure-works.test", "Adventure Works Consulting")]
    public async Task LetEveryDemoOwnerSignInWithTheDemoPassword(string host, string email, string name)
    {
        using var client = Factory.ClientFor(host);
        var response = await client.SignInAsync(email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (settings, page) = await client.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(name, page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task ListNorthwindAndAdventureWorksInThePartnerDirectoryAndTheirSolutionsInTheSolutionCenter()
    {
        using var client = Factory.ClientFor("portal.localhost");
        var (_, directory) = await client.GetPageAsync("/partners");
        Assert.Equal(["Adventure Works Consulting", "Northwind Partners"], directory.QuerySelectorAll("#partners h2").Select(h => h.TextContent.Trim()).Order().ToArray());
        var (_, center) = await client.GetPageAsync("/solution-center");
        Assert.Equal(["Order tracking", "Recall reminders"], center.QuerySelectorAll("#listings h2").Select(h => h.TextContent.Trim()).Order().ToArray());
        // Northwind's listed recipe names none of its clients; a client shows only in the case study Northwind chose to publish.
        var (_, northwind) = await client.GetPageAsync("/partners/northwind");
        Assert.Contains("Recall reminders", northwind.QuerySelector("#solutions")!.TextContent);
        Assert.DoesNotContain("Contoso", northwind.QuerySelector("#solutions")!.TextContent);
        Assert.Equal(["Contoso Dental"], northwind.QuerySelectorAll("section[aria-labelledby=case-studies-title] h3").Select(h => h.TextContent.Trim()).ToArray());
        Assert.DoesNotContain("Fabrikam", northwind.Body!.TextContent);
        Assert.DoesNotContain("Tailspin", northwind.Body!.TextContent);
    }

    [Fact]
    public async Task LetThePlatformAdminSignInOnThePlatformHost()
    {
        using var client = Factory.ClientFor("portal.localhost");
        var response = await client.SignInAsync("admin@portal.localhost", DemoData.Password);
        Assert.Equal("/platform/organizations", response.Headers.Location!.OriginalString);
    }
}

/// <summary>No demo data, and so no demo password, exists outside Development.</summary>
public sealed class ProductionStartShould(ProductionStartShould.ProductionFactory factory) : PortalTest<ProductionStartShould.ProductionFactory>(factory)
{
    public sealed class ProductionFactory() : PortalFactory(new Dictionary<string, string?>(), "Production");

    [Fact]
    public async Task SeedNothing()
    {
        Assert.Equal(0, await World.GlobalAsync(db => db.Organizations.CountAsync()));
        Assert.Equal(0, await World.GlobalAsync(db => db.Users.CountAsync()));
        using var client = Factory.ClientFor("portal.test");
        var response = await client.SignInAsync("admin@portal.localhost", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with the failure message
        Assert.Contains("is not right", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void WriteJsonLogsToTheConsole()
    {
        var console = Factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }

    [Fact]
    public async Task MigrateTheDatabaseAtStart()
    {
        var applied = await World.GlobalAsync(db => db.Database.GetAppliedMigrationsAsync());
        var known = await World.GlobalAsync(db => Task.FromResult(db.Database.GetMigrations()));
        Assert.Equal(known, applied);
    }
}
