using System.Net;
using AngleSharp.Dom;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// A solution opens on its data: the first table's records, a tab per table (links with
/// aria-current). Builder, versions and sharing are one click away for builders; a member who
/// works with records sees no builder link or control.
/// </summary>
public sealed class SolutionPageShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private const string TwoTables = """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Clinic",
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [ { "key": "name", "name": "Name", "type": "text" } ] },
            { "key": "visits", "name": "Visits", "fields": [ { "key": "note", "name": "Note", "type": "text" } ] }
          ]
        }
        """;

    [Fact]
    public async Task OpenOnTheFirstTablesRecordsWithATabPerTable()
    {
        var (id, client) = await OwnerWithTwoTablesAsync();
        using var _ = client;
        await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada" });

        var (response, page) = await client.GetPageAsync($"/solutions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ada", page.QuerySelector("table.records")!.TextContent);
        var tabs = page.QuerySelectorAll("nav[aria-label=Tables] a").ToList();
        Assert.Equal(["Patients", "Visits"], tabs.Select(a => a.TextContent.Trim()));
        Assert.Equal("page", tabs[0].GetAttribute("aria-current"));
        Assert.Null(tabs[1].GetAttribute("aria-current"));
        Assert.Equal("page", SolutionLink(page, "Records")!.GetAttribute("aria-current"));

        var (_, visits) = await client.GetPageAsync(tabs[1].GetAttribute("href")!);
        var current = visits.QuerySelectorAll("nav[aria-label=Tables] a[aria-current=page]").Single();
        Assert.Equal("Visits", current.TextContent.Trim());
        Assert.DoesNotContain("Ada", visits.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ShowAMemberWhoWorksWithRecordsNoBuilderLinkOrControl()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org, TwoTables);
        var member = await SolutionWorld.AssignedMemberAsync(World, org, id);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada" });

        var (response, page) = await client.GetPageAsync($"/solutions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ada", page.QuerySelector("table.records")!.TextContent);
        Assert.NotNull(page.QuerySelector($"main a[href='/solutions/{id}/tables/patients/record']"));
        Assert.Equal(["Records", "Versions"], page.QuerySelectorAll("nav[aria-label=Solution] a").Select(a => a.TextContent.Trim()));
        var main = page.QuerySelector("main")!;
        Assert.DoesNotContain(main.QuerySelectorAll("a"), a => a.GetAttribute("href") is { } href && (href.Contains("/builder", StringComparison.Ordinal) || href.Contains("/manage", StringComparison.Ordinal)));
        Assert.Empty(main.QuerySelectorAll("form[method=post]"));
        Assert.DoesNotContain("Publish", main.TextContent);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/solutions/{id}/builder")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/solutions/{id}/manage")).StatusCode);
    }

    [Fact]
    public async Task ShowBuildersTheBuilderVersionsAndSharingOneClickAway()
    {
        var (id, client) = await OwnerWithTwoTablesAsync();
        using var _ = client;

        var (_, page) = await client.GetPageAsync($"/solutions/{id}");
        Assert.Equal(["Records", "Versions", "Builder", "Manage and share"], page.QuerySelectorAll("nav[aria-label=Solution] a").Select(a => a.TextContent.Trim()));
        foreach (var (name, heading) in new[] { ("Builder", "Builder"), ("Versions", "Versions"), ("Manage and share", "Clinic") })
        {
            var (response, section) = await client.GetPageAsync(SolutionLink(page, name)!.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(heading, section.QuerySelector("h1")!.TextContent.Trim());
            Assert.Equal("page", SolutionLink(section, name)!.GetAttribute("aria-current"));
        }

        var (_, manage) = await client.GetPageAsync($"/solutions/{id}/manage");
        Assert.NotNull(manage.QuerySelector("section[aria-labelledby=copies]"));
        Assert.NotNull(manage.QuerySelector("section[aria-labelledby=publish] button"));
    }

    [Fact]
    public async Task SendAFormPostedToTheOldAddressOnToManage()
    {
        var (id, client) = await OwnerWithTwoTablesAsync();
        using var _ = client;

        var response = await client.PostFormAsync($"/solutions/{id}/manage", new Dictionary<string, string> { ["name"] = "Renamed" }, $"/solutions/{id}?handler=Details");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"/solutions/{id}/manage?handler=Details", response.Headers.Location!.OriginalString);
    }

    /// <summary>A new organization's owner, signed in on its host, with a two-table solution.</summary>
    private async Task<(Guid Solution, PortalClient Client)> OwnerWithTwoTablesAsync()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org, TwoTables);
        var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        return (id, client);
    }

    private static IElement? SolutionLink(IParentNode page, string name) =>
        page.QuerySelectorAll("nav[aria-label=Solution] a").FirstOrDefault(a => a.TextContent.Trim() == name);
}
