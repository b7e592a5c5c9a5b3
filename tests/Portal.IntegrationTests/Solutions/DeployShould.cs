using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// C7: a consultant builds in their partner's own workspace and deploys a copy into a client's
/// workspace where they hold a consultant (or admin) seat, after a preview of what it creates. The
/// copy keeps its provenance and is built by the consultant; only seated workspaces are targets,
/// whatever ids a form carries.
/// </summary>
public sealed class DeployShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private const string Rule = """{ "key": "welcome", "name": "Welcome mail", "table": "patients", "trigger": "created", "action": { "type": "email", "toField": "email", "subject": "Welcome", "body": "Hello {{ name }}" } }""";

    private sealed record Setup(TestOrganization Partner, TestOrganization Client, TestOrganization Stranger, PortalUser Consultant, Guid Solution, Guid ClientWorkspace, Guid StrangerWorkspace);

    private async Task<Setup> SetUpAsync()
    {
        var partner = await World.CreateOrganizationAsync("Deploy Partners", OrganizationKind.Partner);
        var consultant = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        var consulting = await SolutionWorld.WorkspaceAsync(World, partner, "Consulting");
        await SolutionWorld.SeatAsync(World, partner, consultant, consulting, WorkspaceRole.Admin);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, partner, SolutionWorld.Package("Recall reminders", Rule), consulting, consultant.Id);

        var (client, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Deploy Dental");
        await SolutionWorld.ConsultantSeatAsync(World, client, consultant);
        var (stranger, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Unrelated Gym");
        return new Setup(partner, client, stranger, consultant, solution,
            await World.InTenantAsync(client, db => db.Workspaces.Select(w => w.Id).SingleAsync()),
            await World.InTenantAsync(stranger, db => db.Workspaces.Select(w => w.Id).SingleAsync()));
    }

    [Fact]
    public async Task PreviewAndDeployACopyBuiltByTheConsultantWithItsProvenance()
    {
        var setup = await SetUpAsync();
        using var client = await SolutionWorld.SignedInAsync(Factory, setup.Partner, setup.Consultant);
        var page = $"/solutions/{setup.Solution}/deploy";

        var (_, choose) = await client.GetPageAsync(page);
        Assert.Equal([$"Deploy Dental · General"], choose.QuerySelectorAll("#to option").Select(o => o.TextContent).ToArray());

        var (preview, previewPage) = await client.GetPageAsync($"{page}?to={setup.ClientWorkspace}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var what = previewPage.QuerySelector("[aria-labelledby=deploy-preview]")!.TextContent;
        Assert.Contains("In General of Deploy Dental, this creates Recall reminders", what);
        Assert.Contains("Table Patients", what);
        Assert.Contains("Visits (number)", what);
        Assert.Contains("Welcome mail: When a record of Patients is created, e-mail the address in E-mail.", what); // a sentence with the builder's names (issue 14)
        Assert.Contains("From Deploy Partners, Recall reminders version 1.", what);
        Assert.Equal(0, await CountAsync(setup.Client));

        var deployed = await client.PostFormAsync($"{page}?to={setup.ClientWorkspace}", new Dictionary<string, string> { ["to"] = setup.ClientWorkspace.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, deployed.StatusCode);
        Assert.Contains("is in General of Deploy Dental now", (await client.GetPageAsync(deployed.Headers.Location!.OriginalString)).Document.QuerySelector("[role=status]")!.TextContent);

        var copy = await World.InTenantAsync(setup.Client, db => db.Set<Solution>().SingleAsync());
        Assert.Equal((setup.ClientWorkspace, setup.Consultant.Id, "Deploy Partners", "Recall reminders", (int?)1, (int?)1),
            (copy.WorkspaceId, copy.CreatedByUserId, copy.SourceOrganization, copy.SourceRecipe, copy.SourceVersion, copy.CurrentVersion));
        Assert.Contains("solution.deployed", await ActionsAsync(setup.Partner));
        Assert.Contains("solution.deployed_in", await ActionsAsync(setup.Client));
        // The original stays as it was, in the partner's workspace.
        Assert.Equal(1, await CountAsync(setup.Partner));

        // On the client's host the consultant builds the copy (C6: they built it), and sees where it came from.
        using var onClient = await SolutionWorld.SignedInAsync(Factory, setup.Client, setup.Consultant);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync($"/solutions/{copy.Id}/builder")).StatusCode);
        Assert.Contains("Copied from Recall reminders version 1 by Deploy Partners", (await onClient.GetPageAsync($"/solutions/{copy.Id}")).Document.QuerySelector(".provenance")!.TextContent);
    }

    [Fact]
    public async Task DeployNothingIntoAWorkspaceWithoutTheConsultantsSeat()
    {
        var setup = await SetUpAsync();
        var archived = await SolutionWorld.WorkspaceAsync(World, setup.Client, "Archived projects");
        await SolutionWorld.ConsultantSeatAsync(World, setup.Client, setup.Consultant, archived);
        await World.InTenantAsync(setup.Client, db => db.Workspaces.Where(w => w.Id == archived).ExecuteUpdateAsync(s => s.SetProperty(w => w.ArchivedAt, DateTime.UtcNow)));
        var memberOnly = await SolutionWorld.WorkspaceAsync(World, setup.Client, "Front desk");
        await SolutionWorld.ConsultantSeatAsync(World, setup.Client, setup.Consultant, memberOnly, WorkspaceRole.Member);
        using var client = await SolutionWorld.SignedInAsync(Factory, setup.Partner, setup.Consultant);
        var page = $"/solutions/{setup.Solution}/deploy";

        foreach (var forged in new[] { setup.StrangerWorkspace, archived, memberOnly, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync($"{page}?to={forged}")).StatusCode);
            var refused = await client.PostFormAsync(page, new Dictionary<string, string> { ["to"] = forged.ToString() }, page);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("you can deploy only where you hold a consultant or workspace-admin seat", (await PortalClient.ParseAsync(refused)).QuerySelector("#deploy-error")!.TextContent);
        }

        Assert.Equal(0, await CountAsync(setup.Client));
        Assert.Equal(0, await CountAsync(setup.Stranger));

        // A seat that ended is no target either.
        await World.InTenantAsync(setup.Client, db => db.Memberships.Where(m => m.UserId == setup.Consultant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        var (_, choose) = await client.GetPageAsync(page);
        Assert.Empty(choose.QuerySelectorAll("#to option"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync(page, new Dictionary<string, string> { ["to"] = setup.ClientWorkspace.ToString() }, page)).StatusCode);
        Assert.Equal(0, await CountAsync(setup.Client));
    }

    [Fact]
    public async Task LetOnlyTheSolutionsBuildersDeployIt()
    {
        var setup = await SetUpAsync();
        // A colleague at the partner who may only read the solution holds a seat at the same client.
        var colleague = await World.CreateUserAsync();
        await World.AddMemberAsync(setup.Partner, colleague, OrganizationRole.Member);
        var consulting = await World.InTenantAsync(setup.Partner, db => db.Workspaces.Where(w => w.Name == "Consulting").Select(w => w.Id).SingleAsync());
        await SolutionWorld.SeatAsync(World, setup.Partner, colleague, consulting, WorkspaceRole.ExecutiveViewer);
        await SolutionWorld.ConsultantSeatAsync(World, setup.Client, colleague);
        using var client = await SolutionWorld.SignedInAsync(Factory, setup.Partner, colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/solutions/{setup.Solution}/deploy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/solutions/{setup.Solution}", new Dictionary<string, string> { ["to"] = setup.ClientWorkspace.ToString() }, $"/solutions/{setup.Solution}/deploy")).StatusCode);
        Assert.Equal(0, await CountAsync(setup.Client));
    }

    private Task<int> CountAsync(TestOrganization org) => World.InTenantAsync(org, db => db.Set<Solution>().CountAsync());

    private Task<List<string>> ActionsAsync(TestOrganization org) => World.InTenantAsync(org, db => db.AuditEntries.Select(a => a.Action).ToListAsync());
}
