using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// C11, C12: workspaces and their people from the UI. Organization admins create, rename, archive
/// and restore workspaces on /settings/workspaces; a workspace's admins (and the organization's)
/// add people, remove them and set their roles on its page; consultants' seats are protected there;
/// ids of other organizations and archived workspaces change nothing. Everything is audited.
/// </summary>
public sealed class WorkspacesShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private const string Settings = "/settings/workspaces";

    [Fact]
    public async Task CreateRenameArchiveAndRestoreAWorkspaceFromTheSettings()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, owner);

        var created = await client.PostFormAsync(Settings, new Dictionary<string, string> { ["name"] = "All clients" }, $"{Settings}?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, list) = await client.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("All clients is created", list.QuerySelector("[role=status]")!.TextContent);
        var id = await WorkspaceIdAsync(org, "All clients");
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Johns Hopkins intake"), id);

        var renamed = await client.PostFormAsync(Settings, new Dictionary<string, string> { ["workspaceId"] = id.ToString(), ["name"] = "Every client" }, $"{Settings}?handler=Rename");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Every client", await World.InTenantAsync(org, db => db.Workspaces.Where(w => w.Id == id).Select(w => w.Name).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Settings, new Dictionary<string, string> { ["workspaceId"] = id.ToString() }, $"{Settings}?handler=Archive")).StatusCode);
        // Hidden from every list (workspaces, solutions, the home's apps) and from its own pages; nothing in it is lost.
        Assert.DoesNotContain("Every client", (await client.GetPageAsync("/workspaces")).Document.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Johns Hopkins intake", await (await client.GetAsync("/solutions")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Johns Hopkins intake", await (await client.GetAsync("/dashboard")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workspaces/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{solution}")).StatusCode);
        var (_, settings) = await client.GetPageAsync(Settings);
        Assert.NotNull(settings.QuerySelector("table.archived-workspaces tr[data-workspace='Every client']"));
        Assert.Null(settings.QuerySelector("table.workspaces tr[data-workspace='Every client']"));
        Assert.Equal(1, await World.InTenantAsync(org, db => db.Set<PartnerPortal.Solutions.Solution>().CountAsync(s => s.WorkspaceId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Settings, new Dictionary<string, string> { ["workspaceId"] = id.ToString() }, $"{Settings}?handler=Restore")).StatusCode);
        Assert.Contains("Johns Hopkins intake", await (await client.GetAsync("/solutions")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{solution}")).StatusCode);

        var audit = await AuditAsync(org);
        Assert.Equal(["workspace.created", "workspace.renamed", "workspace.archived", "workspace.restored"], audit.Select(a => a.Action).ToArray());
        Assert.Contains("All clients → Every client", audit[1].Detail);
        Assert.All(audit, a => Assert.Equal(owner.Email, a.UserEmail));
    }

    public static TheoryData<string, string> BadNames() => new()
    {
        { "", "Give the workspace a name of 1 to 100 characters." },
        { new string('x', 101), "Give the workspace a name of 1 to 100 characters." },
        { "general", "There is already a workspace named general." },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task RefuseABadNameOnTheSamePageAndCreateNothing(string name, string message)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, owner);
        var response = await client.PostFormAsync(Settings, new Dictionary<string, string> { ["name"] = name }, $"{Settings}?handler=Create");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector("#workspace-error")!.TextContent);
        Assert.Equal(1, await World.InTenantAsync(org, db => db.Workspaces.CountAsync()));
        Assert.Empty(await AuditAsync(org));
    }

    [Fact]
    public async Task KeepAtLeastOneWorkspace()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, owner);
        var general = await WorkspaceIdAsync(org, "General");
        var refused = await client.PostFormAsync(Settings, new Dictionary<string, string> { ["workspaceId"] = general.ToString() }, $"{Settings}?handler=Archive");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("only workspace left", await refused.Content.ReadAsStringAsync());
        Assert.Null(await World.InTenantAsync(org, db => db.Workspaces.Select(w => w.ArchivedAt).SingleAsync()));
    }

    [Fact]
    public async Task ChangeNothingForAWorkspaceOfAnotherOrganizationOrAnArchivedOne()
    {
        var (theirs, theirOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var theirWorkspace = await WorkspaceIdAsync(theirs, "General");
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var mySecond = await SolutionWorld.WorkspaceAsync(World, mine, "Projects");
        var archived = await SolutionWorld.WorkspaceAsync(World, mine, "Old projects");
        await World.InTenantAsync(mine, db => db.Workspaces.Where(w => w.Id == archived).ExecuteUpdateAsync(s => s.SetProperty(w => w.ArchivedAt, DateTime.UtcNow)));
        using var client = await SolutionWorld.SignedInAsync(Factory, mine, me);

        foreach (var (path, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"{Settings}?handler=Rename", new() { ["workspaceId"] = theirWorkspace.ToString(), ["name"] = "Taken over" }),
            ($"{Settings}?handler=Archive", new() { ["workspaceId"] = theirWorkspace.ToString() }),
            ($"{Settings}?handler=Restore", new() { ["workspaceId"] = theirWorkspace.ToString() }),
            ($"{Settings}?handler=Rename", new() { ["workspaceId"] = archived.ToString(), ["name"] = "Revived" }),
            ($"{Settings}?handler=Archive", new() { ["workspaceId"] = archived.ToString() }),
            ($"{Settings}?handler=Restore", new() { ["workspaceId"] = mySecond.ToString() }),
            ($"/workspaces/{theirWorkspace}?handler=Add", new() { ["userId"] = me.Id.ToString(), ["role"] = "Admin" }),
            ($"/workspaces/{theirWorkspace}?handler=Role", new() { ["userId"] = theirOwner.Id.ToString(), ["role"] = "Member" }),
            ($"/workspaces/{theirWorkspace}?handler=Remove", new() { ["userId"] = theirOwner.Id.ToString() }),
            ($"/workspaces/{archived}?handler=Add", new() { ["userId"] = me.Id.ToString(), ["role"] = "Admin" }),
        })
        {
            var response = await client.PostFormAsync(Settings, fields, path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} with {string.Join(",", fields.Values)}: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workspaces/{theirWorkspace}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workspaces/{archived}")).StatusCode);
        var theirs2 = await World.InTenantAsync(theirs, db => db.Workspaces.Select(w => new { w.Name, w.ArchivedAt, Seats = w.Members.Count }).SingleAsync());
        Assert.Equal(("General", (DateTime?)null, 1), (theirs2.Name, theirs2.ArchivedAt, theirs2.Seats));
        Assert.NotNull(await World.InTenantAsync(mine, db => db.Workspaces.Where(w => w.Id == archived).Select(w => w.ArchivedAt).SingleAsync()));
        Assert.Null(await World.InTenantAsync(mine, db => db.Workspaces.Where(w => w.Id == mySecond).Select(w => w.ArchivedAt).SingleAsync()));
        Assert.Empty(await AuditAsync(mine));
        Assert.Empty(await AuditAsync(theirs));
    }

    [Fact]
    public async Task LetAWorkspaceAdminAddPeopleSetTheirRolesAndRemoveThem()
    {
        var (org, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var workspaceAdmin = await SolutionWorld.WorkspaceMemberAsync(World, org, WorkspaceRole.Admin);
        var colleague = await World.CreateUserAsync();
        await World.AddMemberAsync(org, colleague, OrganizationRole.Member);
        var projects = await SolutionWorld.WorkspaceAsync(World, org, "Projects");
        await SolutionWorld.SeatAsync(World, org, workspaceAdmin, projects, WorkspaceRole.Admin);
        using var client = await SolutionWorld.SignedInAsync(Factory, org, workspaceAdmin);
        var page = $"/workspaces/{projects}";

        // Each role says what it may do, in a sentence, where it is chosen.
        var (_, before) = await client.GetPageAsync(page);
        Assert.Contains("Works only in the solutions assigned to them.", before.QuerySelector("#role-help-Member")!.TextContent);
        Assert.Contains("Sees every solution of the workspace", before.QuerySelector("#role-help-ExecutiveViewer")!.TextContent);
        Assert.Contains("Adds and removes people here", before.QuerySelector("#role-help-Admin")!.TextContent);
        Assert.Contains(colleague.Id.ToString(), before.QuerySelector("#add-person")!.InnerHtml);

        var added = await client.PostFormAsync(page, new Dictionary<string, string> { ["userId"] = colleague.Id.ToString(), ["role"] = "ExecutiveViewer" }, $"{page}?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, after) = await client.GetPageAsync(added.Headers.Location!.OriginalString);
        Assert.Contains($"{colleague.Email} is in Projects now, as executive viewer.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(WorkspaceRole.ExecutiveViewer, await RoleAsync(org, projects, colleague.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, new Dictionary<string, string> { ["userId"] = colleague.Id.ToString(), ["role"] = "Admin" }, $"{page}?handler=Role")).StatusCode);
        Assert.Equal(WorkspaceRole.Admin, await RoleAsync(org, projects, colleague.Id));
        var bad = await client.PostFormAsync(page, new Dictionary<string, string> { ["userId"] = colleague.Id.ToString(), ["role"] = "Consultant" }, $"{page}?handler=Role");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Choose one of the listed roles.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(WorkspaceRole.Admin, await RoleAsync(org, projects, colleague.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, new Dictionary<string, string> { ["userId"] = colleague.Id.ToString() }, $"{page}?handler=Remove")).StatusCode);
        Assert.Null(await RoleAsync(org, projects, colleague.Id));
        // Removed from the workspace, not from the organization or its other workspaces.
        Assert.True(await World.InTenantAsync(org, db => db.Memberships.AnyAsync(m => m.UserId == colleague.Id)));
        Assert.Equal(WorkspaceRole.Member, await World.InTenantAsync(org, db => db.WorkspaceMemberships.Where(m => m.UserId == colleague.Id).Select(m => m.Role).SingleAsync()));

        var audit = await AuditAsync(org);
        Assert.Equal(["workspace.member_added", "workspace.role_changed", "workspace.member_removed"], audit.Select(a => a.Action).ToArray());
        Assert.Equal($"{colleague.Email} in Projects: executive viewer → workspace admin", audit[1].Detail);
        Assert.All(audit, a => Assert.Equal(workspaceAdmin.Email, a.UserEmail));
    }

    [Fact]
    public async Task ShowMembersAndViewersTheirOwnRoleOnlyAndRefuseTheirChanges()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var general = await WorkspaceIdAsync(org, "General");
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(org, member, OrganizationRole.Member);
        var elsewhere = await SolutionWorld.WorkspaceAsync(World, org, "Board");
        foreach (var role in new[] { WorkspaceRole.Member, WorkspaceRole.ExecutiveViewer })
        {
            var person = await SolutionWorld.WorkspaceMemberAsync(World, org, role);
            using var client = await SolutionWorld.SignedInAsync(Factory, org, person);
            var (response, page) = await client.GetPageAsync($"/workspaces/{general}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(role == WorkspaceRole.Member ? "Works only in the solutions assigned to them." : "Sees every solution", page.QuerySelector("#my-role")!.TextContent);
            // One client's people never see who else is in a shared workspace (C12 model 1).
            Assert.Null(page.QuerySelector("table.workspace-people"));
            Assert.DoesNotContain(owner.Email!, page.QuerySelector("main")!.TextContent);
            var refused = await client.PostFormAsync($"/workspaces/{general}", new Dictionary<string, string> { ["userId"] = owner.Id.ToString() }, $"/workspaces/{general}?handler=Remove");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Someone without a seat in it does not learn it exists.
        using var memberClient = await SolutionWorld.SignedInAsync(Factory, org, member);
        Assert.Equal(HttpStatusCode.NotFound, (await memberClient.GetAsync($"/workspaces/{elsewhere}")).StatusCode);
        Assert.DoesNotContain("Board", (await memberClient.GetPageAsync("/workspaces")).Document.QuerySelector("main")!.TextContent);
        Assert.Equal(1, await World.InTenantAsync(org, db => db.WorkspaceMemberships.CountAsync(m => m.UserId == owner.Id)));
    }

    [Fact]
    public async Task ShowAConsultantsSeatAsProtectedAndRefuseToChangeOrRemoveIt()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var general = await WorkspaceIdAsync(org, "General");
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, org, consultant);
        var adminSeat = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, org, adminSeat, role: WorkspaceRole.Admin);
        var projects = await SolutionWorld.WorkspaceAsync(World, org, "Projects");
        using var client = await SolutionWorld.SignedInAsync(Factory, org, owner);

        var (_, page) = await client.GetPageAsync($"/workspaces/{general}");
        foreach (var seat in new[] { consultant, adminSeat })
        {
            var row = page.QuerySelector($"tr[data-person='{seat.Email}']")!;
            Assert.Contains("Consultant seat", row.TextContent);
            Assert.Contains("Protected", row.TextContent);
            Assert.Null(row.QuerySelector("form"));
        }

        Assert.Contains("sees and builds only the solutions they built or were given", page.QuerySelector($"tr[data-person='{consultant.Email}']")!.TextContent);
        foreach (var seat in new[] { consultant, adminSeat })
        {
            foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
            {
                ("Role", new() { ["userId"] = seat.Id.ToString(), ["role"] = "Member" }),
                ("Remove", new() { ["userId"] = seat.Id.ToString() }),
            })
            {
                var refused = await client.PostFormAsync($"/workspaces/{general}", fields, $"/workspaces/{general}?handler={handler}");
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                Assert.Contains("holds a protected consultant seat", (await PortalClient.ParseAsync(refused)).QuerySelector("#workspace-error")!.TextContent);
            }
        }

        // Nor can a seat a module manages be copied into another workspace by hand.
        var (_, other) = await client.GetPageAsync($"/workspaces/{projects}");
        Assert.DoesNotContain(consultant.Id.ToString(), other.QuerySelector("#add-person")?.InnerHtml ?? string.Empty);
        var copied = await client.PostFormAsync($"/workspaces/{projects}", new Dictionary<string, string> { ["userId"] = consultant.Id.ToString(), ["role"] = "Admin" }, $"/workspaces/{projects}?handler=Add");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, copied.StatusCode);

        Assert.Equal(WorkspaceRole.Consultant, await RoleAsync(org, general, consultant.Id));
        Assert.Equal(WorkspaceRole.Admin, await RoleAsync(org, general, adminSeat.Id));
        Assert.Null(await RoleAsync(org, projects, consultant.Id));
        Assert.Empty(await AuditAsync(org));
    }

    [Fact]
    public async Task AddOnlyPeopleOfThisOrganization()
    {
        var (theirs, theirOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var general = await WorkspaceIdAsync(mine, "General");
        var deactivated = await World.CreateUserAsync();
        await World.AddMemberAsync(mine, deactivated, OrganizationRole.Member);
        await World.InTenantAsync(mine, db => db.Memberships.Where(m => m.UserId == deactivated.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        await World.InTenantAsync(mine, db => db.WorkspaceMemberships.Where(m => m.UserId == deactivated.Id).ExecuteDeleteAsync());
        using var client = await SolutionWorld.SignedInAsync(Factory, mine, me);

        foreach (var stranger in new[] { theirOwner, deactivated })
        {
            var refused = await client.PostFormAsync($"/workspaces/{general}", new Dictionary<string, string> { ["userId"] = stranger.Id.ToString(), ["role"] = "Member" }, $"/workspaces/{general}?handler=Add");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Choose someone of this organization.", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, await World.InTenantAsync(mine, db => db.WorkspaceMemberships.CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(theirs, db => db.WorkspaceMemberships.CountAsync(m => m.UserId == me.Id)));
    }

    [Fact]
    public async Task RenderTheShellsWorkspaceActionsAsTheWorkspacesMenu()
    {
        var partner = await World.CreateOrganizationAsync("Menu Partner", OrganizationKind.Partner);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, admin, OrganizationRole.Admin);
        var general = await WorkspaceIdAsync(partner, "General");
        using var client = await SolutionWorld.SignedInAsync(Factory, partner, admin);
        var (_, page) = await client.GetPageAsync($"/workspaces/{general}");
        var menu = page.QuerySelectorAll("nav[aria-label=Workspace] a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Recipe library", $"/solutions/workspaces/{general}/library"), menu);
        Assert.Contains(("Move to another organization", $"/solutions/workspaces/{general}/move"), menu);

        // A client's plain member gets neither: the shell keeps only what their audience admits.
        var (clientOrg, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var member = await SolutionWorld.WorkspaceMemberAsync(World, clientOrg, WorkspaceRole.Member);
        using var memberClient = await SolutionWorld.SignedInAsync(Factory, clientOrg, member);
        var (_, memberPage) = await memberClient.GetPageAsync($"/workspaces/{await WorkspaceIdAsync(clientOrg, "General")}");
        var memberMenu = memberPage.QuerySelectorAll("nav[aria-label=Workspace] a").Select(a => a.TextContent).ToList();
        Assert.DoesNotContain("Recipe library", memberMenu);
        Assert.DoesNotContain("Move to another organization", memberMenu);
    }

    private Task<Guid> WorkspaceIdAsync(TestOrganization org, string name) =>
        World.InTenantAsync(org, db => db.Workspaces.Where(w => w.Name == name).Select(w => w.Id).SingleAsync());

    private Task<WorkspaceRole?> RoleAsync(TestOrganization org, Guid workspaceId, Guid userId) =>
        World.InTenantAsync(org, db => db.WorkspaceMemberships.Where(m => m.WorkspaceId == workspaceId && m.UserId == userId).Select(m => (WorkspaceRole?)m.Role).SingleOrDefaultAsync());

    private Task<List<PartnerPortal.Audit.AuditEntry>> AuditAsync(TestOrganization org) =>
        World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.Action.StartsWith("workspace.")).OrderBy(a => a.Id).ToListAsync());
}
