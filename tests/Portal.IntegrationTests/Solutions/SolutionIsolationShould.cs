using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// A2, C11 for the Solutions area: every page from its own host, another tenant's host, an unknown
/// host, signed out, without membership, as an unassigned member and as an executive viewer.
/// </summary>
public sealed class SolutionIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    // {id} is the solution; every path reads tenant data.
    public static TheoryData<string> Pages => new()
    {
        "/solutions/{id}",
        "/solutions/{id}/builder",
        "/solutions/{id}/versions",
        "/solutions/{id}/tables/patients",
        "/solutions/{id}/tables/patients/record",
        "/solutions/{id}/tables/patients/import",
        "/solutions/{id}/tables/patients?handler=Export",
        "/solutions/{id}/manage",
        "/solutions/{id}/manage?handler=Package",
        "/solutions/{id}/deploy",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task OpenForTheAdminOnTheirOwnHost(string path)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NotShowASolutionOnAnotherTenantsHost(string path)
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(other.Host);
        await client.SignInAsync(otherOwner.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NotExistOnAnUnknownHostOrThePlatformHost(string path)
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        using var unknown = Factory.ClientFor("no-such-org.portal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SendSignedOutVisitorsToSignIn(string path)
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        using var client = Factory.ClientFor(org.Host);
        var response = await client.GetAsync(path.Replace("{id}", id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task RefuseASignedInUserWithoutMembership(string path)
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var outsider = await World.CreateUserAsync();
        await World.AddMemberAsync(org, outsider, OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(outsider.Email!);
        await World.EndMembershipAsync(org, outsider); // signed in, no longer a member (sign-in is refused to outsiders)
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task HideASolutionFromAMemberNotAssignedToIt(string path)
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var member = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path.Replace("{id}", id.ToString()))).StatusCode);
        Assert.DoesNotContain("Clinic", await (await client.GetAsync("/solutions")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LetAnAssignedMemberWorkWithRecordsButNotBuild()
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var member = await SolutionWorld.AssignedMemberAsync(World, org, id);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        Assert.Contains("Clinic", await (await client.GetAsync("/solutions")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/solutions/{id}/builder")).StatusCode);
        Assert.Equal(1, await SolutionWorld.RecordCountAsync(World, org));
    }

    [Fact]
    public async Task LetAnExecutiveViewerReadEverySolutionButWriteNothing()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org);
        using var ownerClient = Factory.ClientFor(org.Host);
        await ownerClient.SignInAsync(owner.Email!);
        await ownerClient.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada" });
        var recordId = await World.InTenantAsync(org, db => db.Set<SolutionRecord>().Select(r => r.Id).SingleAsync());

        var viewer = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.ExecutiveViewer);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(viewer.Email!);
        Assert.Contains("Ada", await (await client.GetAsync($"/solutions/{id}/tables/patients")).Content.ReadAsStringAsync());
        var record = $"/solutions/{id}/tables/patients/record/{recordId}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(record)).StatusCode);

        // The viewer's page has no save button, so post with the token of a page it can open.
        var writes = new (string Path, Dictionary<string, string> Fields)[]
        {
            (record, new() { ["f.name"] = "Changed" }),
            ($"{record}?handler=Delete", new()),
            ($"/solutions/{id}/tables/patients/record", new() { ["f.name"] = "New" }),
            ($"/solutions/{id}/manage?handler=Publish", new()),
            ($"/solutions/{id}/builder?handler=AddTable", new() { ["name"] = "Sneaky" }),
            ($"/solutions/{id}/manage?handler=Details", new() { ["name"] = "Renamed" }),
        };
        foreach (var (path, fields) in writes)
        {
            var response = await client.PostFormAsync($"/solutions/{id}/tables/patients", fields, path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        }

        Assert.Equal(1, await SolutionWorld.RecordCountAsync(World, org));
        Assert.Contains("Ada", await World.InTenantAsync(org, db => db.Set<SolutionRecord>().Select(r => r.ValuesJson).SingleAsync()));
        Assert.Equal("Clinic", await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task ChangeNothingWhenFormsCarryAnotherOrganizationsIds()
    {
        var (theirs, theirOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var theirSolution = await SolutionWorld.CreateSolutionAsync(Factory, theirs);
        using (var theirClient = Factory.ClientFor(theirs.Host))
        {
            await theirClient.SignInAsync(theirOwner.Email!);
            await theirClient.PostFormAsync($"/solutions/{theirSolution}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Secret patient" });
        }

        var theirRecord = await World.InTenantAsync(theirs, db => db.Set<SolutionRecord>().Select(r => r.Id).SingleAsync());
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var mySolution = await SolutionWorld.CreateSolutionAsync(Factory, mine);
        var myWorkspace = await World.InTenantAsync(mine, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(me.Email!);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{mySolution}/tables/patients/record/{theirRecord}")).StatusCode);
        var page = $"/solutions/{mySolution}/tables/patients";
        var attempts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/solutions/{mySolution}/tables/patients/record/{theirRecord}", new() { ["f.name"] = "Overwritten" }),
            ($"/solutions/{mySolution}/tables/patients/record/{theirRecord}?handler=Delete", new()),
            ($"/solutions/{theirSolution}/tables/patients/record/{theirRecord}", new() { ["f.name"] = "Overwritten" }),
            ($"/solutions/{theirSolution}/manage?handler=Move", new() { ["workspaceId"] = myWorkspace.ToString() }),
            ($"/solutions/{mySolution}/manage?handler=Assign", new() { ["email"] = theirOwner.Email! }),
            ($"/solutions/{mySolution}/manage?handler=Send", new() { ["organizationId"] = theirs.Id.ToString() }),
        };
        foreach (var (path, fields) in attempts)
        {
            var response = await client.PostFormAsync(page, fields, path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, $"{path}: {response.StatusCode}");
        }

        Assert.Contains("Secret patient", await World.InTenantAsync(theirs, db => db.Set<SolutionRecord>().Select(r => r.ValuesJson).SingleAsync()));
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<SolutionShare>().IgnoreQueryFilters(["Tenant"]).CountAsync(s => s.TenantId == theirs.Id)));
        Assert.Equal(0, await World.InTenantAsync(mine, db => db.Set<SolutionAssignment>().CountAsync()));
    }

    [Fact]
    public async Task CreateNothingInAnotherOrganizationsWorkspace()
    {
        var (theirs, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var theirWorkspace = (await World.InTenantAsync(theirs, db => db.Workspaces.Select(w => w.Id).FirstAsync())).ToString();
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var mySolution = await SolutionWorld.CreateSolutionAsync(Factory, mine);
        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(me.Email!);

        var attempts = new (string Page, string Path, Dictionary<string, string> Fields)[]
        {
            ("/solutions", "/solutions?handler=Create", new() { ["workspaceId"] = theirWorkspace, ["name"] = "Planted" }),
            ($"/solutions/{mySolution}/manage", $"/solutions/{mySolution}/manage?handler=Duplicate", new() { ["workspaceId"] = theirWorkspace }),
            ($"/solutions/{mySolution}/manage", $"/solutions/{mySolution}/manage?handler=Move", new() { ["workspaceId"] = theirWorkspace }),
            ($"/solutions/workspaces/{theirWorkspace}/move", $"/solutions/workspaces/{theirWorkspace}/move", new() { ["to"] = theirs.Id.ToString() }),
        };
        foreach (var (_, path, fields) in attempts)
        {
            var response = await client.PostFormAsync("/solutions", fields, path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, $"{path}: {response.StatusCode}");
        }

        var myWorkspaces = await World.InTenantAsync(mine, db => db.Workspaces.Select(w => w.Id).ToListAsync());
        Assert.All(await World.InTenantAsync(mine, db => db.Set<Solution>().Select(s => s.WorkspaceId).ToListAsync()), w => Assert.Contains(w, myWorkspaces));
        Assert.Equal(1, await World.InTenantAsync(mine, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(theirs, db => db.Set<Solution>().CountAsync()));
    }
}
