using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Profiles;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P9: the public partner directory on the platform host lists listed partners only, higher tiers
/// first, then the best matches; filters by tier, specialization, region and industry; shows a
/// partner's approved case studies and nothing else of its clients; and partners edit their own profile.
/// </summary>
public sealed class PartnerDirectoryShould(DirectoryPortalFactory factory) : PortalTest<DirectoryPortalFactory>(factory)
{
    private PortalClient Anonymous() => Factory.ClientFor(PortalFactory.PlatformDomain);

    private async Task<TestOrganization> PartnerAsync(string name, string summary, PartnerStanding? standing = null, string[]? regions = null, string[]? industries = null, bool listed = true)
    {
        var partner = await World.CreateOrganizationAsync(name, OrganizationKind.Partner);
        if (standing is not null) Factory.Standings.Set[partner.Id] = standing with { PartnerId = partner.Id };
        await DirectoryWorld.ProfileAsync(Factory, World, partner, summary, regions, industries, listed);
        return partner;
    }

    private static string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#partners li.partner h2").Select(h => h.TextContent.Trim()).ToArray();

    [Fact]
    public async Task ListOnlyListedPartnersToAnonymousVisitorsOnThePlatformHostAsCacheablePages()
    {
        var listed = await PartnerAsync("Zebra Listed Partners", "zebrafinder apps for clinics");
        await PartnerAsync("Zebra Hidden Partners", "zebrafinder too", listed: false);
        using var client = Anonymous();

        var (response, page) = await client.GetPageAsync("/partners?q=zebrafinder");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Zebra Listed Partners"], Names(page));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());

        var (profile, profilePage) = await client.GetPageAsync($"/partners/{listed.Slug}");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("zebrafinder apps for clinics", profilePage.QuerySelector("#summary")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/partners/no-such-partner")).StatusCode);

        // Not on an organization's host, and an unlisted partner has no page.
        using var onPartnerHost = Factory.ClientFor(listed.Host);
        Assert.Equal(HttpStatusCode.NotFound, (await onPartnerHost.GetAsync("/partners")).StatusCode);
        var hidden = await World.GlobalAsync(db => db.Organizations.Where(o => o.Name == "Zebra Hidden Partners").Select(o => o.Slug).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/partners/{hidden}")).StatusCode);
    }

    [Fact]
    public async Task OrderHigherTiersFirstThenRelevanceAndFilterByTierSpecializationRegionAndIndustry()
    {
        await PartnerAsync("Quokka Silver", "quokkaware builds quokkaware", new(Guid.Empty, "Silver", 1, []), ["Europe"], ["Healthcare"]);
        await PartnerAsync("Quokka Platinum", "quokkaware dental", new(Guid.Empty, "Platinum", 3, ["Dental specialist"]), ["Asia Pacific"], ["Dental and medical practices"]);
        await PartnerAsync("Plain Gold", "also quokkaware", new(Guid.Empty, "Gold", 2, []), ["Europe"], ["Retail and e-commerce"]);
        await PartnerAsync("Quokka Untiered", "quokkaware", null, ["Europe"], ["Healthcare"]);
        using var client = Anonymous();

        Assert.Equal(["Quokka Platinum", "Plain Gold", "Quokka Silver", "Quokka Untiered"], Names((await client.GetPageAsync("/partners?q=quokkaware")).Document));
        // Within a tier the better match first: the name counts more than the summary.
        Factory.Standings.Set[await IdAsync("Plain Gold")] = new(await IdAsync("Plain Gold"), "Silver", 1, []);
        DirectoryWorld.Invalidate(Factory);
        Assert.Equal(["Quokka Platinum", "Quokka Silver", "Plain Gold", "Quokka Untiered"], Names((await client.GetPageAsync("/partners?q=quokka")).Document));

        Assert.Equal(["Quokka Silver", "Plain Gold"], Names((await client.GetPageAsync("/partners?q=quokka&tier=Silver")).Document));
        Assert.Equal(["Quokka Platinum"], Names((await client.GetPageAsync("/partners?q=quokkaware&specialization=Dental+specialist")).Document));
        Assert.Equal(["Quokka Platinum"], Names((await client.GetPageAsync("/partners?q=quokkaware&region=Asia+Pacific")).Document));
        Assert.Equal(["Quokka Silver", "Quokka Untiered"], Names((await client.GetPageAsync("/partners?q=quokkaware&industry=Healthcare")).Document));
        var (_, none) = await client.GetPageAsync("/partners?q=quokkaware&region=Latin+America");
        Assert.Empty(Names(none));
        Assert.Contains("0 partners match", none.QuerySelector("#result-count")!.TextContent);
        // The specialization filter offers the badges partners hold.
        Assert.Contains("Dental specialist", none.QuerySelectorAll("#specialization option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task PageThroughManyPartners()
    {
        for (var i = 0; i < 23; i++) await PartnerAsync($"Pager {i:00}", "pagerpartner");
        using var client = Anonymous();
        var (_, first) = await client.GetPageAsync("/partners?q=pagerpartner");
        Assert.Equal(20, Names(first).Length);
        Assert.Contains("Page 1 of 2", first.QuerySelector(".pager")!.TextContent);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await client.GetPageAsync(next);
        Assert.Equal(["Pager 20", "Pager 21", "Pager 22"], Names(second));
    }

    [Fact]
    public async Task ShowApprovedCaseStudiesAndNothingElseOfAPartnersClients()
    {
        var partner = await PartnerAsync("Casework Partners", "caseworkers");
        var (client, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Secret Client Bakery");
        await World.GlobalAsync(async db =>
        {
            db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = partner.Id, ClientId = client.Id, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await World.InTenantAsync(partner, async db =>
        {
            db.Add(Study("Approved Dental Group", CaseStudyStatus.Approved));
            db.Add(Study("Still Submitted Clinic", CaseStudyStatus.Submitted));
            db.Add(Study("Sent Back Gym", CaseStudyStatus.SentBack));
            return await db.SaveChangesAsync();
        });
        DirectoryWorld.Invalidate(Factory);

        using var anonymous = Anonymous();
        var (_, page) = await anonymous.GetPageAsync($"/partners/{partner.Slug}");
        var text = page.Body!.TextContent;
        Assert.Equal(["Approved Dental Group"], page.QuerySelectorAll(".case-study h3").Select(h => h.TextContent).ToArray());
        Assert.Contains("Cut no-shows by half", text);
        Assert.DoesNotContain("Still Submitted Clinic", text);
        Assert.DoesNotContain("Sent Back Gym", text);
        Assert.DoesNotContain("Secret Client Bakery", text);
        Assert.Contains("Case studies", (await anonymous.GetPageAsync("/partners?q=caseworkers")).Document.QuerySelector("#partners")!.TextContent);
    }

    [Fact]
    public async Task LetAPartnersAdminEditAndListItsProfileWithBadInputRefusedOnTheSamePage()
    {
        var partner = await World.CreateOrganizationAsync("Profiled Partners", OrganizationKind.Partner);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, admin, OrganizationRole.Admin);
        using var client = await SolutionWorld.SignedInAsync(Factory, partner, admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/program/profile")).StatusCode);

        KeyValuePair<string, string>[] Form(string website, string region) =>
        [
            new("Summary", "profiledpartners build clinic apps"), new("Regions", "Europe"), new("Regions", region), new("Industries", "Healthcare"),
            new("Website", website), new("ContactEmail", "hello@profiled.test"), new("Listed", "true"),
        ];

        var bad = await DirectoryWorld.PostPairsAsync(client, "/program/profile", Form("not a website", "Asia Pacific"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("full address starting with https://", (await PortalClient.ParseAsync(bad)).QuerySelector("#form-error")!.TextContent);
        var forged = await DirectoryWorld.PostPairsAsync(client, "/program/profile", Form("https://www.profiled.test", "Atlantis"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Equal(0, await World.InTenantAsync(partner, db => db.Set<PartnerProfile>().CountAsync()));

        using var anonymous = Anonymous();
        Assert.Empty(Names((await anonymous.GetPageAsync("/partners?q=profiledpartners")).Document));
        var saved = await DirectoryWorld.PostPairsAsync(client, "/program/profile", Form("https://www.profiled.test", "Asia Pacific"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await client.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("listed in the public partner directory now", after.QuerySelector("[role=status]")!.TextContent);

        // The saved profile shows at once: the directory's cache was dropped.
        Assert.Equal(["Profiled Partners"], Names((await anonymous.GetPageAsync("/partners?q=profiledpartners&region=Asia+Pacific")).Document));
        Assert.Equal("Profile saved and listed in the partner directory", await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action == "partner-profile.updated").Select(a => a.Detail).SingleAsync()));

        // A member who is not an admin does not edit it.
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, member, OrganizationRole.Member);
        using var asMember = await SolutionWorld.SignedInAsync(Factory, partner, member);
        Assert.Equal(HttpStatusCode.Forbidden, (await asMember.GetAsync("/program/profile")).StatusCode);
    }

    [Fact]
    public async Task LeaveOutPartnersWhoseProgramIsSwitchedOff()
    {
        await PartnerAsync("Switched On Partners", "switchcheck");
        var off = await PartnerAsync("Switched Off Partners", "switchcheck");
        await World.InTenantAsync(off, async db =>
        {
            db.Add(new OrganizationModule { Module = PartnerPortal.PartnerTiers.PartnerTiersModule.ModuleName, IsOn = false, ChangedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        DirectoryWorld.Invalidate(Factory);
        using var client = Anonymous();
        Assert.Equal(["Switched On Partners"], Names((await client.GetPageAsync("/partners?q=switchcheck")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/partners/{off.Slug}")).StatusCode);
    }

    private Task<Guid> IdAsync(string name) => World.GlobalAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static CaseStudy Study(string customer, CaseStudyStatus status) => new()
    {
        Customer = customer, Industry = "Healthcare", CompanySize = "10–50 employees", Need = "Fewer no-shows", Solution = "Recall reminders",
        Result = "Cut no-shows by half", Status = status, SubmittedAt = DateTime.UtcNow, ReviewedAt = DateTime.UtcNow,
    };
}
