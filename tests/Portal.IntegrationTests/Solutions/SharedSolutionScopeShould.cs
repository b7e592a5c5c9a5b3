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
/// C12 model 1, one solution shared by several clients' people: the partner assigns each person with
/// "All records" or "Only records tagged: one client", and a limited person's list, search, tag bar,
/// record pages, edits, deletes and exports hold only that client's records; what they add carries
/// their tag. Forged ids of another client's records answer 404. Set up through the manage page.
/// </summary>
public sealed class SharedSolutionScopeShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private const string Hopkins = "Client – Johns Hopkins";
    private const string Mayo = "Client – Mayo";

    [Fact]
    public async Task ShowEachClientsPeopleOnlyTheRecordsTaggedWithTheirClient()
    {
        var shared = await SharedAsync();
        var (org, owner, solution) = (shared.Org, shared.Owner, shared.Solution);

        // The manage page offers the choice and says in plain words what each person sees.
        var (_, manage) = await owner.GetPageAsync($"/solutions/{solution}/manage");
        Assert.Equal(["All records", $"Only records tagged: {Hopkins}", $"Only records tagged: {Mayo}"], manage.QuerySelectorAll("#assign-records option").Select(o => o.TextContent));
        var assigned = await AssignAsync(owner, solution, shared.HopkinsPerson, Hopkins);
        Assert.Contains($"{shared.HopkinsPerson.Email} is assigned to Clinic and sees only records tagged {Hopkins}.", Uri.UnescapeDataString(assigned.Headers.Location!.OriginalString));
        await AssignAsync(owner, solution, shared.MayoPerson, Mayo);
        var people = (await owner.GetPageAsync($"/solutions/{solution}/manage")).Document.QuerySelector("ul.assignments")!.TextContent;
        Assert.Contains($"{shared.HopkinsPerson.Email} sees only records tagged {Hopkins}", people);
        Assert.Contains($"{shared.MayoPerson.Email} sees only records tagged {Mayo}", people);

        using var hopkins = await SolutionWorld.SignedInAsync(Factory, org, shared.HopkinsPerson);
        var list = $"/solutions/{solution}/tables/patients";
        var (_, theirs) = await hopkins.GetPageAsync(list);
        Assert.Equal(["Ada"], Names(theirs));
        Assert.Null(theirs.QuerySelector("nav[aria-label='Clients (tags)']"));
        Assert.Contains(Hopkins, theirs.QuerySelector("#client-scope")!.TextContent);
        // Neither the tag bar's address, nor search, nor a sort or a filter brings another client's record in.
        Assert.Empty(Names((await hopkins.GetPageAsync($"{list}?tag={Uri.EscapeDataString(Mayo)}")).Document));
        Assert.Empty(Names((await hopkins.GetPageAsync($"{list}?q=bram")).Document));
        // "contains a" matches Ada and Bram; only Ada is theirs.
        Assert.Equal(["Ada"], Names((await hopkins.GetPageAsync($"{list}?sort=name&filterField=name&filterOp=contains&filterValue=a")).Document));
        Assert.Equal(["Ada"], Names((await hopkins.GetPageAsync($"/solutions/{solution}")).Document));
        var rows = TableFileReader.Rows(await (await hopkins.GetAsync($"{list}?handler=Export&format=csv")).Content.ReadAsByteArrayAsync(), 100).ToList();
        Assert.Equal(["Name", "Ada"], rows.Select(r => r[0]));

        using var mayo = await SolutionWorld.SignedInAsync(Factory, org, shared.MayoPerson);
        Assert.Equal(["Bram"], Names((await mayo.GetPageAsync(list)).Document));
        // The partner's own people see every record, of every client and of none.
        Assert.Equal(["Ada", "Bram", "Cleo"], Names((await owner.GetPageAsync($"{list}?sort=name")).Document));
        Assert.Equal(["Ada", "Bram", "Cleo"], Names((await shared.ViewerAsync()).Document));
    }

    [Fact]
    public async Task AnswerAnotherClientsRecordWith404EvenByAForgedIdAndChangeNothing()
    {
        var (shared, hopkins) = await LimitedToHopkinsAsync();
        var form = $"/solutions/{shared.Solution}/tables/patients/record";
        var bram = await IdOfAsync(shared.Org, "Bram");

        Assert.Equal(HttpStatusCode.OK, (await hopkins.GetAsync($"{form}/{await IdOfAsync(shared.Org, "Ada")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hopkins.GetAsync($"{form}/{bram}")).StatusCode);
        // A token from a page they may open, posted to the other client's record.
        var edit = await hopkins.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Mine now", ["tags"] = Hopkins }, $"{form}/{bram}");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var delete = await hopkins.PostFormAsync(form, new Dictionary<string, string>(), $"{form}/{bram}?handler=Delete");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal($"|{Mayo}|", await TagsOfAsync(shared.Org, "Bram"));
        Assert.False(await World.InTenantAsync(shared.Org, db => db.Set<SolutionRecord>().AnyAsync(r => r.ValuesJson.Contains("Mine now"))));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, shared.Org));
    }

    [Fact]
    public async Task TagWhatALimitedPersonAddsWithTheirClientAndKeepItThere()
    {
        var (shared, hopkins) = await LimitedToHopkinsAsync();
        var form = $"/solutions/{shared.Solution}/tables/patients/record";

        var (_, blank) = await hopkins.GetPageAsync(form);
        var own = blank.QuerySelector<IHtmlInputElement>("input[name=tags]")!;
        Assert.Equal(Hopkins, own.Value);
        Assert.True(own.IsChecked && own.IsDisabled);
        Assert.Single(blank.QuerySelectorAll("input[name=tags]"));

        // Nothing ticked and another client's tag typed: the record is theirs, and not handed to Mayo.
        Assert.Equal(HttpStatusCode.Redirect, (await hopkins.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Eve", ["otherTags"] = $"{Mayo}, vip" })).StatusCode);
        Assert.Equal($"|{Hopkins}|vip|", await TagsOfAsync(shared.Org, "Eve"));
        // Saving Ada with nothing ticked keeps her their client's.
        var ada = await IdOfAsync(shared.Org, "Ada");
        Assert.Equal(HttpStatusCode.Redirect, (await hopkins.PostFormAsync($"{form}/{ada}", new Dictionary<string, string> { ["f.name"] = "Ada Lovelace", ["otherTags"] = "" })).StatusCode);
        Assert.Equal($"|{Hopkins}|", await TagsOfAsync(shared.Org, "Ada Lovelace"));
        Assert.Equal(["Ada Lovelace", "Eve"], Names((await hopkins.GetPageAsync($"/solutions/{shared.Solution}/tables/patients?sort=name")).Document));

        // Delete and Undo: the record comes back with its tag, still theirs.
        var deleted = await hopkins.PostFormAsync($"{form}/{ada}", new Dictionary<string, string>(), $"{form}/{ada}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, afterDelete) = await hopkins.GetPageAsync(deleted.Headers.Location!.OriginalString);
        var undo = afterDelete.QuerySelector<IHtmlFormElement>("form[action*='handler=Restore']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await hopkins.SubmitAsync(undo)).StatusCode);
        Assert.Equal($"|{Hopkins}|", await TagsOfAsync(shared.Org, "Ada Lovelace"));
    }

    [Fact]
    public async Task TagTheRecordsALimitedPersonImportsWithTheirClient()
    {
        var (shared, hopkins) = await LimitedToHopkinsAsync();
        var import = $"/solutions/{shared.Solution}/tables/patients/import";
        var csv = System.Text.Encoding.UTF8.GetBytes("Name,E-mail\r\nFay,fay@example.test\r\nGus,gus@example.test\r\n");

        var preview = await hopkins.PostMultipartAsync(import, new Dictionary<string, string>(), new Dictionary<string, (string, byte[])> { ["file"] = ("patients.csv", csv) }, $"{import}?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var run = (await PortalClient.ParseAsync(preview)).QuerySelector<IHtmlInputElement>("input[name=run]")!.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await hopkins.PostFormAsync(import, new Dictionary<string, string> { ["run"] = run }, $"{import}?handler=Import")).StatusCode);

        Assert.Equal($"|{Hopkins}|", await TagsOfAsync(shared.Org, "Fay"));
        Assert.Equal($"|{Hopkins}|", await TagsOfAsync(shared.Org, "Gus"));
        Assert.Equal(["Ada", "Fay", "Gus"], Names((await hopkins.GetPageAsync($"/solutions/{shared.Solution}/tables/patients?sort=name")).Document));
    }

    [Fact]
    public async Task LetThePartnerChangeWhatAnAssignedPersonSeesAndRefuseATagTheSolutionHasNot()
    {
        var shared = await SharedAsync();
        await AssignAsync(shared.Owner, shared.Solution, shared.HopkinsPerson, Hopkins);
        var manage = $"/solutions/{shared.Solution}/manage";

        var refused = await shared.Owner.PostFormAsync(manage, new Dictionary<string, string> { ["email"] = shared.MayoPerson.Email!, ["clientTag"] = "Client – Cleveland" }, $"{manage}?handler=Assign");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("one of this solution's client tags", (await PortalClient.ParseAsync(refused)).QuerySelector("main")!.TextContent);
        Assert.False(await World.InTenantAsync(shared.Org, db => db.Set<SolutionAssignment>().AnyAsync(a => a.UserId == shared.MayoPerson.Id)));

        // A client tag taken off the solution still limits the person, and the page says so until it is changed.
        Assert.Equal(HttpStatusCode.Redirect, (await shared.Owner.PostFormAsync(manage, new Dictionary<string, string> { ["name"] = "Clinic", ["tags"] = Mayo }, $"{manage}?handler=Details")).StatusCode);
        Assert.Equal($"Only records tagged: {Hopkins}", (await shared.Owner.GetPageAsync(manage)).Document.QuerySelector($"#records-{shared.HopkinsPerson.Id:N} option[selected]")!.TextContent);

        var changed = await shared.Owner.PostFormAsync(manage, new Dictionary<string, string> { ["userId"] = shared.HopkinsPerson.Id.ToString(), ["clientTag"] = "" }, $"{manage}?handler=Records");
        Assert.Contains($"{shared.HopkinsPerson.Email} now sees all records of Clinic.", Uri.UnescapeDataString(changed.Headers.Location!.OriginalString));
        Assert.Equal("All records", (await shared.Owner.GetPageAsync(manage)).Document.QuerySelector($"#records-{shared.HopkinsPerson.Id:N} option[selected]")!.TextContent);
        using var hopkins = await SolutionWorld.SignedInAsync(Factory, shared.Org, shared.HopkinsPerson);
        Assert.Equal(["Ada", "Bram", "Cleo"], Names((await hopkins.GetPageAsync($"/solutions/{shared.Solution}/tables/patients?sort=name")).Document));

        Assert.Equal(HttpStatusCode.NotFound, (await shared.Owner.PostFormAsync(manage, new Dictionary<string, string> { ["userId"] = Guid.NewGuid().ToString(), ["clientTag"] = Mayo }, $"{manage}?handler=Records")).StatusCode);
        Assert.Equal(["solution.member_assigned", "solution.assignment_changed"], await World.InTenantAsync(shared.Org, db => db.AuditEntries.Where(a => a.Action.Contains("assign")).OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync()));
    }

    /// <summary>A solution of one "All clients" workspace tagged with two clients, a record of each and one of neither, and a person of each client.</summary>
    private async Task<Shared> SharedAsync()
    {
        var (org, ownerUser) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var hopkinsPerson = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Member);
        var mayoPerson = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Member);
        var viewer = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.ExecutiveViewer);
        var owner = await SolutionWorld.SignedInAsync(Factory, org, ownerUser);
        var manage = $"/solutions/{solution}/manage";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(manage, new Dictionary<string, string> { ["name"] = "Clinic", ["tags"] = $"{Hopkins}, {Mayo}" }, $"{manage}?handler=Details")).StatusCode);
        var form = $"/solutions/{solution}/tables/patients/record";
        foreach (var (name, tag) in new[] { ("Ada", Hopkins), ("Bram", Mayo), ("Cleo", null) })
        {
            var fields = new Dictionary<string, string> { ["f.name"] = name };
            if (tag is not null) fields["tags"] = tag;
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(form, fields)).StatusCode);
        }

        return new Shared(org, owner, solution, hopkinsPerson, mayoPerson, async () =>
        {
            using var client = await SolutionWorld.SignedInAsync(Factory, org, viewer);
            return await client.GetPageAsync($"/solutions/{solution}/tables/patients?sort=name");
        });
    }

    /// <summary>The shared solution with its Hopkins person assigned to "Only records tagged: Client – Johns Hopkins" and signed in.</summary>
    private async Task<(Shared Shared, PortalClient Hopkins)> LimitedToHopkinsAsync()
    {
        var shared = await SharedAsync();
        await AssignAsync(shared.Owner, shared.Solution, shared.HopkinsPerson, Hopkins);
        return (shared, await SolutionWorld.SignedInAsync(Factory, shared.Org, shared.HopkinsPerson));
    }

    private sealed record Shared(TestOrganization Org, PortalClient Owner, Guid Solution, PortalUser HopkinsPerson, PortalUser MayoPerson, Func<Task<(HttpResponseMessage Response, IHtmlDocument Document)>> ViewerAsync);

    internal static async Task<HttpResponseMessage> AssignAsync(PortalClient owner, Guid solution, PortalUser person, string? clientTag)
    {
        var manage = $"/solutions/{solution}/manage";
        var response = await owner.PostFormAsync(manage, new Dictionary<string, string> { ["email"] = person.Email!, ["clientTag"] = clientTag ?? string.Empty }, $"{manage}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private Task<Guid> IdOfAsync(TestOrganization org, string name) =>
        World.InTenantAsync(org, db => db.Set<SolutionRecord>().Where(r => r.ValuesJson.Contains("\"" + name + "\"")).Select(r => r.Id).SingleAsync());

    private Task<string> TagsOfAsync(TestOrganization org, string name) =>
        World.InTenantAsync(org, db => db.Set<SolutionRecord>().Where(r => r.ValuesJson.Contains("\"" + name + "\"")).Select(r => r.Tags).SingleAsync());

    private static List<string> Names(IHtmlDocument page) =>
        page.QuerySelectorAll("table.records tbody tr td:first-child").Select(c => c.TextContent).ToList();
}
