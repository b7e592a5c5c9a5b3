using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// C12's three ways to structure client work, and a partner's recipe library (S2, S3), each set up
/// through the pages a person would use: the workspace settings, a workspace's people, invitations,
/// the solutions list and a solution's management.
/// </summary>
public sealed class ClientStructuresShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task ServeOneAllClientsWorkspaceWhereEachClientSeesOnlyWhatIsAssignedToThem()
    {
        var partner = await World.CreateOrganizationAsync("Model One Consulting", OrganizationKind.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        var hopkins = await PersonAsync(partner);
        var mayo = await PersonAsync(partner);
        using var client = await SolutionWorld.SignedInAsync(Factory, partner, owner);

        var allClients = await CreateWorkspaceAsync(client, partner, "All clients");
        // A client's people: plain members of the workspace (no executive viewer, no admin), as Pie advises.
        foreach (var person in new[] { hopkins, mayo }) await AddAsync(client, allClients, person, "Member");
        var intake = await CreateSolutionAsync(client, allClients, "Intake", "Client – Johns Hopkins");
        var billing = await CreateSolutionAsync(client, allClients, "Billing", "Client – Johns Hopkins");
        var rota = await CreateSolutionAsync(client, allClients, "Rota", "Client – Mayo");
        await AssignAsync(client, intake, hopkins);
        await AssignAsync(client, rota, mayo);

        // The partner filters its list (and so its reports) by client tag.
        var (_, byTag) = await client.GetPageAsync($"/solutions?tag={Uri.EscapeDataString("Client – Johns Hopkins")}");
        Assert.Equal(["Billing", "Intake"], Names(byTag));

        using var hopkinsClient = await SolutionWorld.SignedInAsync(Factory, partner, hopkins);
        var (_, theirList) = await hopkinsClient.GetPageAsync("/solutions");
        Assert.Equal(["Intake"], Names(theirList));
        Assert.Equal(HttpStatusCode.OK, (await hopkinsClient.GetAsync($"/solutions/{intake}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hopkinsClient.GetAsync($"/solutions/{rota}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hopkinsClient.GetAsync($"/solutions/{billing}")).StatusCode);
        var home = (await hopkinsClient.GetPageAsync("/dashboard")).Document.QuerySelector("#home-apps")!.ParentElement!.TextContent;
        Assert.Contains("Intake", home);
        Assert.DoesNotContain("Rota", home);
        // Nor do they see who else is in the shared workspace.
        Assert.DoesNotContain(mayo.Email!, (await hopkinsClient.GetPageAsync($"/workspaces/{allClients}")).Document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ServeOneWorkspacePerClientWithASponsorWhoSeesAllOfTheirs()
    {
        var partner = await World.CreateOrganizationAsync("Model Two Consulting", OrganizationKind.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        var sponsor = await PersonAsync(partner);
        using var client = await SolutionWorld.SignedInAsync(Factory, partner, owner);
        var hopkins = await CreateWorkspaceAsync(client, partner, "Johns Hopkins");
        var mayo = await CreateWorkspaceAsync(client, partner, "Mayo");
        await AddAsync(client, hopkins, sponsor, "ExecutiveViewer");
        var intake = await CreateSolutionAsync(client, hopkins, "Intake", null);
        await CreateSolutionAsync(client, hopkins, "Billing", null);
        var rota = await CreateSolutionAsync(client, mayo, "Rota", null);

        using var sponsorClient = await SolutionWorld.SignedInAsync(Factory, partner, sponsor);
        var (_, list) = await sponsorClient.GetPageAsync("/solutions");
        Assert.Equal(["Billing", "Intake"], Names(list));
        Assert.DoesNotContain("Mayo", list.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsorClient.GetAsync($"/solutions/{rota}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsorClient.GetAsync($"/workspaces/{mayo}")).StatusCode);
        // Sees everything of their own workspace, changes nothing, and manages no one.
        Assert.Equal(HttpStatusCode.OK, (await sponsorClient.GetAsync($"/solutions/{intake}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sponsorClient.GetAsync($"/solutions/{intake}/builder")).StatusCode);
        var (_, workspacePage) = await sponsorClient.GetPageAsync($"/workspaces/{hopkins}");
        Assert.Contains("Executive viewer", workspacePage.QuerySelector("#my-role")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(workspacePage.QuerySelector("#add-person"));
    }

    [Fact]
    public async Task LetThePartnersPeopleAdministerTheClientsOwnOrganization()
    {
        var partner = await World.CreateOrganizationAsync("Model Three Consulting", OrganizationKind.Partner);
        var manager = await PersonAsync(partner);
        var (clientOrg, clientOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Johns Hopkins Health");
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, clientOrg, clientOwner);
        var projects = await CreateWorkspaceAsync(ownerClient, clientOrg, "Projects");

        // The client invites the partner's key person as an organization admin…
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = manager.Email!, ["Role"] = "Admin" })).StatusCode);
        var link = new Uri(MailShould.LinkIn(await Factory.Smtp.WaitForMessageAsync(manager.Email!), "/account/accept-invitation"));
        using var managerClient = Factory.ClientFor(clientOrg.Host);
        Assert.Equal(HttpStatusCode.Redirect, (await managerClient.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = TestWorld.Password })).StatusCode);
        // …then gives them the workspace role beside the client's own people.
        await AddAsync(ownerClient, projects, manager, "Admin");
        var clientPerson = await PersonAsync(clientOrg);
        Assert.Equal(OrganizationRole.Admin, await World.InTenantAsync(clientOrg, db => db.Memberships.Where(m => m.UserId == manager.Id).Select(m => m.Role).SingleAsync()));

        // Signed in by accepting, with their one identity, the partner's person administers the client's organization on the client's host.
        await AddAsync(managerClient, projects, clientPerson, "Member");
        var built = await CreateSolutionAsync(managerClient, projects, "Care plans", null);
        Assert.Equal(HttpStatusCode.OK, (await managerClient.GetAsync($"/solutions/{built}/builder")).StatusCode);
        var created = await managerClient.PostFormAsync("/settings/workspaces", new Dictionary<string, string> { ["name"] = "Research" }, "/settings/workspaces?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(["General", "Projects", "Research"], await World.InTenantAsync(clientOrg, db => db.Workspaces.OrderBy(w => w.Name).Select(w => w.Name).ToArrayAsync()));
        Assert.Equal(WorkspaceRole.Member, await World.InTenantAsync(clientOrg, db => db.WorkspaceMemberships.Where(m => m.WorkspaceId == projects && m.UserId == clientPerson.Id).Select(m => m.Role).SingleAsync()));

        // The client's workspaces stay the client's: the partner's own host shows none of them.
        using var onPartner = await SolutionWorld.SignedInAsync(Factory, partner, manager);
        Assert.Equal(HttpStatusCode.NotFound, (await onPartner.GetAsync($"/workspaces/{projects}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onPartner.GetAsync($"/solutions/{built}")).StatusCode);
    }

    [Fact]
    public async Task KeepRecipesInALibraryOnlyThePartnersPeopleSeeAndDuplicateThemIntoAClientsWorkspace()
    {
        var partner = await World.CreateOrganizationAsync("Recipe Partners", OrganizationKind.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        var sponsor = await PersonAsync(partner);
        using var client = await SolutionWorld.SignedInAsync(Factory, partner, owner);
        var recipes = await CreateWorkspaceAsync(client, partner, "Recipes");
        var hopkins = await CreateWorkspaceAsync(client, partner, "Johns Hopkins");
        await AddAsync(client, hopkins, sponsor, "ExecutiveViewer");

        // The workspace's menu leads to the mark.
        var (_, workspacePage) = await client.GetPageAsync($"/workspaces/{recipes}");
        Assert.Equal($"/solutions/workspaces/{recipes}/library", workspacePage.QuerySelectorAll("nav[aria-label=Workspace] a").Single(a => a.TextContent == "Recipe library").GetAttribute("href"));
        var library = $"/solutions/workspaces/{recipes}/library";
        var marked = await client.PostFormAsync(library, new Dictionary<string, string>(), $"{library}?handler=Mark");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("is your recipe library", (await client.GetPageAsync(marked.Headers.Location!.OriginalString)).Document.QuerySelector("#library-state")!.TextContent);
        Assert.True(await World.InTenantAsync(partner, db => db.Set<RecipeLibrary>().AnyAsync(r => r.WorkspaceId == recipes)));
        Assert.Contains("Recipes", (await client.GetPageAsync("/solutions")).Document.QuerySelector($"#ws-{recipes} .badge")!.TextContent);

        var recipe = await CreateSolutionAsync(client, recipes, "Patient intake", null);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/solutions/{recipe}/manage", new Dictionary<string, string>(), $"/solutions/{recipe}/manage?handler=Publish")).StatusCode);
        var (_, manage) = await client.GetPageAsync($"/solutions/{recipe}/manage");
        Assert.NotNull(manage.QuerySelector($"#dup-ws option[value='{hopkins}']"));
        var duplicated = await client.PostFormAsync($"/solutions/{recipe}/manage", new Dictionary<string, string> { ["workspaceId"] = hopkins.ToString() }, $"/solutions/{recipe}/manage?handler=Duplicate");
        Assert.Equal(HttpStatusCode.Redirect, duplicated.StatusCode);
        var copy = Guid.Parse(duplicated.Headers.Location!.OriginalString.Split('/')[2]);
        var copied = await World.InTenantAsync(partner, db => db.Set<Solution>().SingleAsync(s => s.Id == copy));
        Assert.Equal((hopkins, "Recipe Partners", "Patient intake", (int?)1), (copied.WorkspaceId, copied.SourceOrganization, copied.SourceRecipe, copied.SourceVersion));

        // The client's sponsor sees the copy, with where it came from, and nothing of the library.
        using var sponsorClient = await SolutionWorld.SignedInAsync(Factory, partner, sponsor);
        var (_, sponsorList) = await sponsorClient.GetPageAsync("/solutions");
        Assert.Equal(["Patient intake"], Names(sponsorList));
        Assert.Null(sponsorList.QuerySelector($"#ws-{recipes}"));
        Assert.Contains("Copied from Patient intake version 1 by Recipe Partners", (await sponsorClient.GetPageAsync($"/solutions/{copy}")).Document.QuerySelector(".provenance")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsorClient.GetAsync($"/solutions/{recipe}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsorClient.GetAsync($"/workspaces/{recipes}")).StatusCode);
        // Only the partner's admins mark libraries.
        Assert.Equal(HttpStatusCode.Forbidden, (await sponsorClient.PostFormAsync("/solutions", new Dictionary<string, string>(), $"{library}?handler=Unmark")).StatusCode);

        var unmarked = await client.PostFormAsync(library, new Dictionary<string, string>(), $"{library}?handler=Unmark");
        Assert.Equal(HttpStatusCode.Redirect, unmarked.StatusCode);
        Assert.False(await World.InTenantAsync(partner, db => db.Set<RecipeLibrary>().AnyAsync()));
        Assert.Equal(["recipes.library_marked", "recipes.library_unmarked"], await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action.StartsWith("recipes.")).OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync()));
    }

    [Fact]
    public async Task MarkNoWorkspaceOfAnotherOrganizationOrAnArchivedOne()
    {
        var theirs = await World.CreateOrganizationAsync("Their Partners", OrganizationKind.Partner);
        var theirWorkspace = await World.InTenantAsync(theirs, db => db.Workspaces.Select(w => w.Id).SingleAsync());
        var mine = await World.CreateOrganizationAsync("My Partners", OrganizationKind.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(mine, owner, OrganizationRole.Owner);
        var archived = await SolutionWorld.WorkspaceAsync(World, mine, "Old recipes");
        await World.InTenantAsync(mine, db => db.Workspaces.Where(w => w.Id == archived).ExecuteUpdateAsync(s => s.SetProperty(w => w.ArchivedAt, DateTime.UtcNow)));
        using var client = await SolutionWorld.SignedInAsync(Factory, mine, owner);
        foreach (var id in new[] { theirWorkspace, archived })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/workspaces/{id}/library")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/solutions", new Dictionary<string, string>(), $"/solutions/workspaces/{id}/library?handler=Mark")).StatusCode);
        }

        Assert.False(await World.GlobalAsync(db => db.Set<RecipeLibrary>().IgnoreQueryFilters(["Tenant"]).AnyAsync(r => r.TenantId == theirs.Id || r.TenantId == mine.Id)));
    }

    private async Task<PortalUser> PersonAsync(TestOrganization org)
    {
        var person = await World.CreateUserAsync();
        await World.AddMemberAsync(org, person, OrganizationRole.Member);
        return person;
    }

    private async Task<Guid> CreateWorkspaceAsync(PortalClient client, TestOrganization org, string name)
    {
        var response = await client.PostFormAsync("/settings/workspaces", new Dictionary<string, string> { ["name"] = name }, "/settings/workspaces?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await World.InTenantAsync(org, db => db.Workspaces.Where(w => w.Name == name).Select(w => w.Id).SingleAsync());
    }

    private static async Task AddAsync(PortalClient client, Guid workspaceId, PortalUser person, string role)
    {
        var page = $"/workspaces/{workspaceId}";
        var response = await client.PostFormAsync(page, new Dictionary<string, string> { ["userId"] = person.Id.ToString(), ["role"] = role }, $"{page}?handler=Add");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding {person.Email} as {role}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> CreateSolutionAsync(PortalClient client, Guid workspaceId, string name, string? tag)
    {
        var response = await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = workspaceId.ToString(), ["name"] = name, ["tags"] = tag ?? string.Empty }, "/solutions?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
    }

    private static async Task AssignAsync(PortalClient client, Guid solutionId, PortalUser person)
    {
        var page = $"/solutions/{solutionId}/manage";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, new Dictionary<string, string> { ["email"] = person.Email! }, $"{page}?handler=Assign")).StatusCode);
    }

    private static string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("ul.solutions li > a").Select(a => a.TextContent).Order(StringComparer.Ordinal).ToArray();
}
