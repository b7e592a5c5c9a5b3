using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Center;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// S6: a partner's admin lists a published solution in the Solution Center; anyone finds it on the
/// platform host (higher-tier publishers first, then the most installed) and previews its tables and
/// fields, never its records, tags or rule texts; a client's admin installs a copy with provenance
/// into one of its workspaces, which counts an install and credits the publisher. Forged ids change nothing.
/// </summary>
public sealed class SolutionCenterShould(DirectoryPortalFactory factory) : PortalTest<DirectoryPortalFactory>(factory)
{
    private const string SecretRule = """{ "key": "welcome", "name": "Welcome mail", "table": "patients", "trigger": "created", "action": { "type": "email", "toField": "email", "subject": "Hi", "body": "Hello from Secret Client Co" } }""";

    private sealed record Publisher(TestOrganization Partner, PortalUser Admin, Guid Solution);

    private async Task<Publisher> PublisherAsync(string name, string solution = "Recall kit")
    {
        var partner = await World.CreateOrganizationAsync(name, OrganizationKind.Partner);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, admin, OrganizationRole.Admin);
        var package = SolutionWorld.Package(solution, SecretRule).Replace("\"tables\"", "\"tags\": [\"Secret Client Co\"], \"tables\"", StringComparison.Ordinal);
        return new Publisher(partner, admin, await SolutionWorld.CreateSolutionAsync(Factory, partner, package));
    }

    private async Task<Guid> ListAsync(Publisher publisher, string name, string industry = "Healthcare")
    {
        using var client = await SolutionWorld.SignedInAsync(Factory, publisher.Partner, publisher.Admin);
        var listed = await client.PostFormAsync("/solutions/listings", new Dictionary<string, string>
        {
            ["SolutionId"] = publisher.Solution.ToString(), ["Name"] = name, ["Description"] = $"{name} keeps recalls on time.", ["Industry"] = industry,
        });
        Assert.Equal(HttpStatusCode.Redirect, listed.StatusCode);
        return await World.InTenantAsync(publisher.Partner, db => db.Set<SolutionListing>().Where(l => l.Name == name).Select(l => l.Id).SingleAsync());
    }

    [Fact]
    public async Task ListPreviewAndInstallACopyWithProvenanceThatCreditsThePublisher()
    {
        var publisher = await PublisherAsync("Center Partners");
        var listingId = await ListAsync(publisher, "Recall kit");
        var (clinic, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Center Clinic");

        using var anonymous = Factory.ClientFor(PortalFactory.PlatformDomain);
        var (list, listPage) = await anonymous.GetPageAsync("/solution-center?q=Recall+kit");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("public, max-age=60", list.Headers.CacheControl?.ToString());
        Assert.Contains("By Center Partners", listPage.QuerySelector("#listings")!.TextContent);
        var (detail, detailPage) = await anonymous.GetPageAsync($"/solution-center/{listingId}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var preview = detailPage.QuerySelector("#preview")!.TextContent;
        Assert.Contains("Table Patients", preview);
        Assert.Contains("Visits (number)", preview);
        Assert.Contains("Welcome mail", preview);
        // What the publisher did not choose to show: the solution's tags (they may name clients) and its rules' texts.
        Assert.DoesNotContain("Secret Client Co", detailPage.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(clinic.Host).GetAsync($"/solution-center/{listingId}")).StatusCode);

        // "Install into your account" leads to the client's own host.
        var toAccount = await anonymous.GetAsync($"/solution-center/{listingId}?handler=Install&Account={clinic.Slug}");
        Assert.Equal(HttpStatusCode.Redirect, toAccount.StatusCode);
        Assert.Equal($"http://{clinic.Host}/solution-center/{listingId}/install", toAccount.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await anonymous.GetAsync($"/solution-center/{listingId}?handler=Install&Account={publisher.Partner.Slug}")).StatusCode);

        using var client = await SolutionWorld.SignedInAsync(Factory, clinic, owner);
        var workspace = await World.InTenantAsync(clinic, db => db.Workspaces.Select(w => w.Id).SingleAsync());
        var installed = await client.PostFormAsync($"/solution-center/{listingId}/install", new Dictionary<string, string> { ["workspaceId"] = workspace.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, installed.StatusCode);

        var copy = await World.InTenantAsync(clinic, db => db.Set<Solution>().SingleAsync());
        Assert.Equal($"/solutions/{copy.Id}", installed.Headers.Location!.OriginalString);
        Assert.Equal((workspace, "Center Partners", "Recall kit", (int?)1, (int?)1, "|"), (copy.WorkspaceId, copy.SourceOrganization, copy.SourceRecipe, copy.SourceVersion, copy.CurrentVersion, copy.Tags));
        Assert.Equal(1, await World.InTenantAsync(publisher.Partner, db => db.Set<SolutionListing>().Where(l => l.Id == listingId).Select(l => l.Installs).SingleAsync()));
        Assert.Contains(Factory.Events, e => e.Kind == SolutionCenter.InstalledEvent && e.OrganizationId == clinic.Id && e.UserId == owner.Id && e.PartnerId == publisher.Partner.Id);
        Assert.Contains("Recall kit from Center Partners", await World.InTenantAsync(clinic, db => db.AuditEntries.Where(a => a.Action == "solution-center.installed").Select(a => a.Detail).SingleAsync()));
        Assert.Contains("1 install", (await anonymous.GetPageAsync($"/solution-center/{listingId}")).Document.QuerySelector("#publisher")!.TextContent);

        // The partner directory lists it with the publisher (kernel catalog).
        await DirectoryWorld.ProfileAsync(Factory, World, publisher.Partner, "centerpartners");
        var (_, profile) = await anonymous.GetPageAsync($"/partners/{publisher.Partner.Slug}");
        Assert.Contains("Recall kit", profile.QuerySelector("#solutions")!.TextContent);
    }

    [Fact]
    public async Task ChangeNothingForForgedIdsOrBadInput()
    {
        var publisher = await PublisherAsync("Guarded Partners");
        var listingId = await ListAsync(publisher, "Guarded kit");
        var rival = await PublisherAsync("Rival Partners", "Rival kit");
        var (clinic, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Guarded Clinic");
        var (other, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Other Clinic");
        var othersWorkspace = await World.InTenantAsync(other, db => db.Workspaces.Select(w => w.Id).SingleAsync());

        // A rival's admin neither unlists nor relists another publisher's listing or solution.
        using var asRival = await SolutionWorld.SignedInAsync(Factory, rival.Partner, rival.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await asRival.PostFormAsync("/solutions/listings", new Dictionary<string, string> { ["listingId"] = listingId.ToString() }, "/solutions/listings?handler=Unlist")).StatusCode);
        var forged = await asRival.PostFormAsync("/solutions/listings", new Dictionary<string, string> { ["SolutionId"] = publisher.Solution.ToString(), ["Description"] = "Mine now", ["Industry"] = "Healthcare" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        var noIndustry = await asRival.PostFormAsync("/solutions/listings", new Dictionary<string, string> { ["SolutionId"] = rival.Solution.ToString(), ["Description"] = "Good", ["Industry"] = "Underwater basket weaving" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noIndustry.StatusCode);
        Assert.Contains("Choose the industry", (await PortalClient.ParseAsync(noIndustry)).QuerySelector("#form-error")!.TextContent);
        Assert.Equal(0, await World.InTenantAsync(rival.Partner, db => db.Set<SolutionListing>().CountAsync()));
        Assert.Equal(("Guarded kit", (DateTime?)null), await World.InTenantAsync(publisher.Partner, db => db.Set<SolutionListing>().Select(l => new ValueTuple<string, DateTime?>(l.Name, l.UnlistedAt)).SingleAsync()));

        // A client installs into its own workspaces only.
        using var client = await SolutionWorld.SignedInAsync(Factory, clinic, owner);
        var intoOthers = await client.PostFormAsync($"/solution-center/{listingId}/install", new Dictionary<string, string> { ["workspaceId"] = othersWorkspace.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, intoOthers.StatusCode);
        Assert.Equal(0, await World.InTenantAsync(other, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(clinic, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(publisher.Partner, db => db.Set<SolutionListing>().Select(l => l.Installs).SingleAsync()));

        // Unlisted by its publisher, it is gone from the public pages and installs nothing; the copies already made stay.
        using var asPublisher = await SolutionWorld.SignedInAsync(Factory, publisher.Partner, publisher.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await asPublisher.PostFormAsync("/solutions/listings", new Dictionary<string, string> { ["listingId"] = listingId.ToString() }, "/solutions/listings?handler=Unlist")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(PortalFactory.PlatformDomain).GetAsync($"/solution-center/{listingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solution-center/{listingId}/install")).StatusCode);
    }

    [Fact]
    public async Task OrderByThePublishersTierThenInstallsAndFilterByIndustryAndTier()
    {
        var gold = await PublisherAsync("Ordering Gold");
        var silver = await PublisherAsync("Ordering Silver");
        var untiered = await PublisherAsync("Ordering Untiered");
        Factory.Standings.Set[gold.Partner.Id] = new(gold.Partner.Id, "Gold", 2, []);
        Factory.Standings.Set[silver.Partner.Id] = new(silver.Partner.Id, "Silver", 1, []);
        var silverListing = await ListAsync(silver, "Orderkit silver", "Retail and e-commerce");
        await ListAsync(untiered, "Orderkit untiered");
        await ListAsync(gold, "Orderkit gold");
        var popular = await PublisherAsync("Ordering Silver Popular");
        Factory.Standings.Set[popular.Partner.Id] = new(popular.Partner.Id, "Silver", 1, []);
        var popularListing = await ListAsync(popular, "Orderkit popular");
        await World.GlobalAsync(db => db.Set<SolutionListing>().IgnoreQueryFilters(["Tenant"]).Where(l => l.Id == popularListing).ExecuteUpdateAsync(s => s.SetProperty(l => l.Installs, 5)));

        using var anonymous = Factory.ClientFor(PortalFactory.PlatformDomain);
        string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#listings h2").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(["Orderkit gold", "Orderkit popular", "Orderkit silver", "Orderkit untiered"], Names((await anonymous.GetPageAsync("/solution-center?q=Orderkit")).Document));
        Assert.Equal(["Orderkit popular", "Orderkit silver"], Names((await anonymous.GetPageAsync("/solution-center?q=Orderkit&tier=Silver")).Document));
        Assert.Equal(["Orderkit silver"], Names((await anonymous.GetPageAsync("/solution-center?q=Orderkit&industry=Retail+and+e-commerce")).Document));
        Assert.NotEqual(silverListing, popularListing);
    }
}
