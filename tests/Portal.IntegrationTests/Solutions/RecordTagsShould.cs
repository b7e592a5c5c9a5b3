using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Files;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// C12 model 1, one "All clients" workspace: records carry client tags chosen on the record form from
/// the solution's tags (or typed), the list shows them and filters by <c>?tag=</c> together with its
/// search, and exports follow the filter; a tag never reaches another organization's records.
/// </summary>
public sealed class RecordTagsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task TagRecordsOnTheFormAndFilterTheListAndItsExportByTag()
    {
        var (org, client, solution) = await TaggedSolutionAsync();
        var form = $"/solutions/{solution}/tables/patients/record";
        var (_, blank) = await client.GetPageAsync(form);
        Assert.Equal(["Contoso", "Fabrikam"], blank.QuerySelectorAll("input[name=tags]").Select(i => i.GetAttribute("value")));

        await SaveAsync(client, form, "Ada", tag: "Contoso", other: " vip ");
        await SaveAsync(client, form, "Bram", tag: "fabrikam", other: "");
        await SaveAsync(client, form, "Cleo", tag: null, other: "");
        var tags = await World.InTenantAsync(org, db => db.Set<SolutionRecord>().OrderBy(r => r.CreatedAt).Select(r => r.Tags).ToListAsync());
        // Ticked and typed tags are kept as the solution spells them, so the filter finds them.
        Assert.Equal(["|Contoso|vip|", "|Fabrikam|", "|"], tags);

        var list = $"/solutions/{solution}/tables/patients";
        var (_, contoso) = await client.GetPageAsync($"{list}?tag=Contoso");
        Assert.Equal(["Ada"], Names(contoso));
        Assert.Equal("Contoso", contoso.QuerySelector("nav[aria-label='Clients (tags)'] a[aria-current=page]")!.TextContent);
        Assert.Contains(contoso.QuerySelectorAll("table.records td"), c => c.TextContent == "Contoso, vip");
        // The filter combines with the search, and the search form keeps it.
        Assert.Empty(Names((await client.GetPageAsync($"{list}?tag=Contoso&q=bram")).Document));
        Assert.Equal(["Bram"], Names((await client.GetPageAsync($"{list}?tag=Fabrikam&q=bram")).Document));
        Assert.Equal("Contoso", contoso.QuerySelector<IHtmlInputElement>("form[role=search] input[name=tag]")!.Value);
        Assert.Equal(3, Names((await client.GetPageAsync(list)).Document).Count);

        var export = contoso.QuerySelector<IHtmlAnchorElement>("a[href*='handler=Export']")!.GetAttribute("href")!;
        Assert.Contains("tag=Contoso", export);
        var rows = TableFileReader.Rows(await (await client.GetAsync(export)).Content.ReadAsByteArrayAsync(), 100).ToList();
        Assert.Equal(["Name", "Ada"], rows.Select(r => r[0]));

        // The edit form shows what the record carries.
        var ada = await World.InTenantAsync(org, db => db.Set<SolutionRecord>().OrderBy(r => r.CreatedAt).Select(r => r.Id).FirstAsync());
        var (_, edit) = await client.GetPageAsync($"{form}/{ada}");
        Assert.True(edit.QuerySelector<IHtmlInputElement>("input[name=tags][value=Contoso]")!.IsChecked);
        Assert.False(edit.QuerySelector<IHtmlInputElement>("input[name=tags][value=Fabrikam]")!.IsChecked);
        Assert.Equal("vip", edit.QuerySelector<IHtmlInputElement>("#otherTags")!.Value);
    }

    [Fact]
    public async Task RefuseAnOverlongTagOnTheSamePageAndChangeNothing()
    {
        var (org, client, solution) = await TaggedSolutionAsync();
        var form = $"/solutions/{solution}/tables/patients/record";
        var refused = await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Ada", ["otherTags"] = new string('x', 41) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Equal("A tag has at most 40 characters.", page.QuerySelector("#tags-error")!.TextContent);
        Assert.Equal(new string('x', 41), page.QuerySelector<IHtmlInputElement>("#otherTags")!.Value);
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));
    }

    [Fact]
    public async Task KeepATagFilterInsideItsOrganization()
    {
        var (org, client, solution) = await TaggedSolutionAsync();
        var (other, otherClient, otherSolution) = await TaggedSolutionAsync();
        await SaveAsync(otherClient, $"/solutions/{otherSolution}/tables/patients/record", "Theirs", tag: "Contoso", other: "");
        await SaveAsync(client, $"/solutions/{solution}/tables/patients/record", "Ours", tag: "Contoso", other: "");

        Assert.Equal(["Ours"], Names((await client.GetPageAsync($"/solutions/{solution}/tables/patients?tag=Contoso")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{otherSolution}/tables/patients?tag=Contoso")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{otherSolution}/tables/patients?handler=Export&tag=Contoso")).StatusCode);
        var rows = TableFileReader.Rows(await (await client.GetAsync($"/solutions/{solution}/tables/patients?handler=Export&tag=Contoso")).Content.ReadAsByteArrayAsync(), 100).ToList();
        Assert.Equal(["Name", "Ours"], rows.Select(r => r[0]));
        Assert.Equal(1, await SolutionWorld.RecordCountAsync(World, other));
    }

    private async Task<(TestOrganization Org, PortalClient Client, Guid Solution)> TaggedSolutionAsync()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, org);
        await World.InTenantAsync(org, db => db.Set<Solution>().ExecuteUpdateAsync(s => s.SetProperty(x => x.Tags, "|Contoso|Fabrikam|")));
        return (org, await SolutionWorld.SignedInAsync(Factory, org, owner), solution);
    }

    private static async Task SaveAsync(PortalClient client, string form, string name, string? tag, string other)
    {
        var fields = new Dictionary<string, string> { ["f.name"] = name, ["otherTags"] = other };
        if (tag is not null) fields["tags"] = tag;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form, fields)).StatusCode);
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("table.records tbody tr td:first-child").Select(c => c.TextContent).ToList();
}
