using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// C6: a consultant in a seat sees and builds only the solutions they built or were given in that
/// workspace, and may start new ones there. C8: a solution handed over (moved) to another workspace
/// of the client stays theirs to build while their seat lasts. A consultant seated in one client
/// reaches nothing of another.
/// </summary>
public sealed class ConsultantScopeShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task SeeAndBuildOnlyWhatTheyBuiltOrWereGiven()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var general = await WorkspaceAsync(org, "General");
        var clinic = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Clinic"), builtBy: owner.Id);
        var billing = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Billing"), builtBy: owner.Id);
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, org, consultant);
        var elsewhere = await SolutionWorld.WorkspaceAsync(World, org, "Board");
        using var client = await SolutionWorld.SignedInAsync(Factory, org, consultant);

        var (_, empty) = await client.GetPageAsync("/solutions");
        Assert.Empty(empty.QuerySelectorAll("ul.solutions li"));
        Assert.NotNull(empty.QuerySelector($"input[name=workspaceId][value='{general}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{clinic}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{clinic}/builder")).StatusCode);

        var created = await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = general.ToString(), ["name"] = "Recall reminders" }, "/solutions?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var own = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[2]);
        Assert.Equal(consultant.Id, await World.InTenantAsync(org, db => db.Set<Solution>().Where(s => s.Id == own).Select(s => s.CreatedByUserId).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{own}/builder")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{own}/manage")).StatusCode);
        // Not where they hold no seat.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = elsewhere.ToString(), ["name"] = "Sneaky" }, "/solutions?handler=Create")).StatusCode);

        // Given a solution, they build it too; still nothing else.
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, org, owner);
        var assigned = await ownerClient.PostFormAsync($"/solutions/{billing}/manage", new Dictionary<string, string> { ["email"] = consultant.Email! }, $"/solutions/{billing}/manage?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{billing}/builder")).StatusCode);
        var (_, list) = await client.GetPageAsync("/solutions");
        Assert.Equal(["Billing", "Recall reminders"], list.QuerySelectorAll("ul.solutions li > a").Select(a => a.TextContent).Order().ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{clinic}/tables/patients")).StatusCode);
        Assert.Equal(2, await World.InTenantAsync(org, db => db.Set<Solution>().CountAsync(s => s.Name != "Recall reminders")));
    }

    [Fact]
    public async Task KeepBuildingWhatTheyBuiltWhenItIsHandedOverToAnotherWorkspace()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, org, consultant);
        var frontDesk = await SolutionWorld.WorkspaceAsync(World, org, "Front desk");
        var theirs = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Front desk rota"), frontDesk, owner.Id);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, consultant);
        var built = Guid.Parse((await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = (await WorkspaceAsync(org, "General")).ToString(), ["name"] = "Recall" }, "/solutions?handler=Create")).Headers.Location!.OriginalString.Split('/')[2]);

        // The hand-over: the client's owner moves it into the client's own workspace, where the consultant has no seat.
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, org, owner);
        var moved = await ownerClient.PostFormAsync($"/solutions/{built}/manage", new Dictionary<string, string> { ["workspaceId"] = frontDesk.ToString() }, $"/solutions/{built}/manage?handler=Move");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(frontDesk, await World.InTenantAsync(org, db => db.Set<Solution>().Where(s => s.Id == built).Select(s => s.WorkspaceId).SingleAsync()));
        Assert.Contains("Recall: General → Front desk", await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.Action == "solution.moved").Select(a => a.Detail).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{built}/builder")).StatusCode);
        var (_, list) = await client.GetPageAsync("/solutions");
        Assert.Equal(["Recall"], list.QuerySelectorAll("ul.solutions li > a").Select(a => a.TextContent).ToArray());
        Assert.Contains("Front desk", list.QuerySelector("main")!.TextContent);
        // The rest of that workspace stays out of reach, and they cannot start anything there.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{theirs}")).StatusCode);
        Assert.Null(list.QuerySelector($"input[name=workspaceId][value='{frontDesk}']"));

        // The seat ends (the consultant seats module ends the membership it manages): nothing is reachable any more.
        await World.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == consultant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/solutions/{built}/builder")).StatusCode);
    }

    [Fact]
    public async Task NotKeepAnOrdinaryBuildersAccessToASolutionMovedOutOfTheirWorkspace()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var builder = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Admin);
        var board = await SolutionWorld.WorkspaceAsync(World, org, "Board");
        var built = await SolutionWorld.CreateSolutionAsync(Factory, org, builtBy: builder.Id);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, builder);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{built}/builder")).StatusCode);
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, org, owner);
        await ownerClient.PostFormAsync($"/solutions/{built}/manage", new Dictionary<string, string> { ["workspaceId"] = board.ToString() }, $"/solutions/{built}/manage?handler=Move");
        // Only a consultant's seat carries their own solutions across workspaces (C8).
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{built}")).StatusCode);
    }

    [Fact]
    public async Task ScopeASeatThatIsAlsoWorkspaceAdminToTheWholeWorkspace()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var clinic = await SolutionWorld.CreateSolutionAsync(Factory, org, builtBy: owner.Id);
        var consultant = await World.CreateUserAsync();
        // The seat's "also workspace admin" toggle: the consultant seats module sets the role to Admin.
        await SolutionWorld.ConsultantSeatAsync(World, org, consultant, role: WorkspaceRole.Admin);
        var board = await SolutionWorld.WorkspaceAsync(World, org, "Board");
        using var client = await SolutionWorld.SignedInAsync(Factory, org, consultant);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{clinic}/builder")).StatusCode);

        var built = Guid.Parse((await client.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = (await WorkspaceAsync(org, "General")).ToString(), ["name"] = "Recall" }, "/solutions?handler=Create")).Headers.Location!.OriginalString.Split('/')[2]);
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, org, owner);
        await ownerClient.PostFormAsync($"/solutions/{built}/manage", new Dictionary<string, string> { ["workspaceId"] = board.ToString() }, $"/solutions/{built}/manage?handler=Move");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{built}/builder")).StatusCode);
    }

    [Fact]
    public async Task ReachNothingOfAnotherClientThroughItsHostOrItsIds()
    {
        var (seatedIn, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var otherSolution = await SolutionWorld.CreateSolutionAsync(Factory, other, builtBy: otherOwner.Id);
        var otherWorkspace = await WorkspaceAsync(other, "General");
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, seatedIn, consultant);
        // Even a solution the consultant is named as builder of, in a client where they hold no seat.
        var builtThere = await SolutionWorld.CreateSolutionAsync(Factory, other, SolutionWorld.Package("Old work"), builtBy: consultant.Id);

        // The other client's host does not serve a consultant without a seat there: sign-in is refused, so every page asks to sign in.
        using var onOther = Factory.ClientFor(other.Host);
        await FormerMembers.RefusedSignInAsync(Factory, other.Host, consultant);
        foreach (var path in new[] { "/solutions", $"/solutions/{otherSolution}", $"/solutions/{builtThere}/builder", $"/workspaces/{otherWorkspace}" })
        {
            var response = await onOther.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        using var onSeat = await SolutionWorld.SignedInAsync(Factory, seatedIn, consultant);
        foreach (var path in new[] { $"/solutions/{otherSolution}", $"/solutions/{builtThere}/builder", $"/workspaces/{otherWorkspace}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onSeat.GetAsync(path)).StatusCode);
        }

        var sneaky = await onSeat.PostFormAsync("/solutions", new Dictionary<string, string> { ["workspaceId"] = otherWorkspace.ToString(), ["name"] = "Sneaky" }, "/solutions?handler=Create");
        Assert.Equal(HttpStatusCode.Forbidden, sneaky.StatusCode);
        Assert.Equal(2, await World.InTenantAsync(other, db => db.Set<Solution>().CountAsync()));
    }

    private Task<Guid> WorkspaceAsync(TestOrganization org, string name) =>
        World.InTenantAsync(org, db => db.Workspaces.Where(w => w.Name == name).Select(w => w.Id).SingleAsync());
}
