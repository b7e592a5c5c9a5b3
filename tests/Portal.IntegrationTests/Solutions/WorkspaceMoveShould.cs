using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Center;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>C12: a solution moves between workspaces of one organization; a workspace moves to another organization the user administers too, after a preview.</summary>
public sealed class WorkspaceMoveShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private sealed record Setup(TestOrganization Source, TestOrganization Target, PortalUser Admin, PortalUser Both, PortalUser SourceOnly, Guid Workspace, Guid Solution, PortalClient Client);

    /// <summary>"Clinic team" in the source with a solution of 3 records; the admin is admin of the target too (or only a member).</summary>
    private async Task<Setup> SetUpAsync(OrganizationRole roleInTarget = OrganizationRole.Admin)
    {
        var (source, admin) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var target = await World.CreateOrganizationAsync();
        await World.AddMemberAsync(target, admin, roleInTarget);
        var both = await World.CreateUserAsync();
        await World.AddMemberAsync(source, both, OrganizationRole.Member);
        await World.AddMemberAsync(target, both, OrganizationRole.Member);
        var sourceOnly = await World.CreateUserAsync();
        await World.AddMemberAsync(source, sourceOnly, OrganizationRole.Member);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, source);
        var workspace = await World.InTenantAsync(source, async db =>
        {
            var team = new Workspace { Name = "Clinic team", CreatedAt = DateTime.UtcNow };
            db.Workspaces.Add(team);
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = team.Id, UserId = admin.Id, Role = WorkspaceRole.Admin, CreatedAt = DateTime.UtcNow });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = team.Id, UserId = both.Id, Role = WorkspaceRole.Member, CreatedAt = DateTime.UtcNow });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = team.Id, UserId = sourceOnly.Id, Role = WorkspaceRole.Member, CreatedAt = DateTime.UtcNow });
            db.Add(new SolutionAssignment { SolutionId = solution, UserId = both.Id });
            db.Add(new SolutionAssignment { SolutionId = solution, UserId = sourceOnly.Id });
            await db.SaveChangesAsync();
            return team.Id;
        });
        var client = Factory.ClientFor(source.Host);
        await client.SignInAsync(admin.Email!);
        await SolutionsShould.ImportCsvAsync(client, solution, "Name\r\nAda\r\nBram\r\nCecile\r\n");
        return new Setup(source, target, admin, both, sourceOnly, workspace, solution, client);
    }

    [Fact]
    public async Task MoveASolutionToAnotherWorkspaceOfTheSameOrganization()
    {
        var s = await SetUpAsync();
        var moved = await s.Client.PostFormAsync($"/solutions/{s.Solution}/manage", new Dictionary<string, string> { ["workspaceId"] = s.Workspace.ToString() }, $"/solutions/{s.Solution}/manage?handler=Move");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(s.Workspace, await World.InTenantAsync(s.Source, db => db.Set<Solution>().Where(x => x.Id == s.Solution).Select(x => x.WorkspaceId).SingleAsync()));
        Assert.Contains("Ada", await (await s.Client.GetAsync($"/solutions/{s.Solution}/tables/patients")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MoveAWorkspaceToAnotherOrganizationOfItsAdminAfterAPreview()
    {
        var s = await SetUpAsync();
        await s.Client.PostFormAsync($"/solutions/{s.Solution}/manage", new Dictionary<string, string> { ["workspaceId"] = s.Workspace.ToString() }, $"/solutions/{s.Solution}/manage?handler=Move");
        var listing = await World.InTenantAsync(s.Source, async db =>
        {
            var listed = new SolutionListing { SolutionId = s.Solution, Name = "Clinic", Description = "Keeps a clinic's patients.", Industry = "Healthcare", PackageJson = "{}", Version = 1, ListedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(listed);
            await db.SaveChangesAsync();
            return listed.Id;
        });
        var page = $"/solutions/workspaces/{s.Workspace}/move";
        var (choose, chooseDoc) = await s.Client.GetPageAsync(page);
        Assert.Equal(HttpStatusCode.OK, choose.StatusCode);
        Assert.Equal([s.Target.Id.ToString()], chooseDoc.QuerySelectorAll("#to option").Select(o => o.GetAttribute("value") ?? string.Empty).ToArray());

        var (_, preview) = await s.Client.GetPageAsync($"{page}?to={s.Target.Id}");
        var moves = preview.QuerySelector(".move-moves")!.TextContent;
        var stays = preview.QuerySelector(".move-stays")!.TextContent;
        Assert.Contains("1 solution: Clinic", moves);
        Assert.Contains("3 records", moves);
        Assert.Contains(s.Both.Email!, moves);
        Assert.Contains(s.SourceOnly.Email!, stays);
        Assert.Contains("1 solution assignment", stays);
        Assert.Equal(s.Workspace, await World.InTenantAsync(s.Source, db => db.Workspaces.Where(w => w.Id == s.Workspace).Select(w => w.Id).SingleAsync()));

        var done = await s.Client.PostFormAsync($"{page}?to={s.Target.Id}", new Dictionary<string, string> { ["to"] = s.Target.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, index) = await s.Client.GetPageAsync(done.Headers.Location!.OriginalString);
        Assert.Contains($"Clinic team moved to {s.Target.Name}.", index.QuerySelector("[role=status]")!.TextContent);
        Assert.DoesNotContain(index.QuerySelector("main")!.QuerySelectorAll("h2"), h => h.TextContent.Contains("Clinic team", StringComparison.Ordinal));

        Assert.False(await World.InTenantAsync(s.Source, db => db.Workspaces.AnyAsync(w => w.Id == s.Workspace)));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, s.Source));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, s.Target));
        var seats = await World.InTenantAsync(s.Target, db => db.WorkspaceMemberships.Where(m => m.WorkspaceId == s.Workspace).Select(m => m.UserId).ToListAsync());
        Assert.Equal(new[] { s.Admin.Id, s.Both.Id }.Order(), seats.Order());
        Assert.Equal([s.Both.Id], await World.InTenantAsync(s.Target, db => db.Set<SolutionAssignment>().Select(a => a.UserId).ToListAsync()));
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<SolutionAssignment>().IgnoreQueryFilters().CountAsync(a => a.UserId == s.SourceOnly.Id)));
        Assert.True(await World.InTenantAsync(s.Source, db => db.AuditEntries.AnyAsync(e => e.Action == "workspace.moved_out")));
        Assert.True(await World.InTenantAsync(s.Target, db => db.AuditEntries.AnyAsync(e => e.Action == "workspace.moved_in")));
        // Its Solution Center listing now credits the organization that owns the solution.
        Assert.Equal(s.Target.Id, await World.GlobalAsync(db => db.Set<SolutionListing>().IgnoreQueryFilters().Where(l => l.Id == listing).Select(l => l.TenantId).SingleAsync()));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var usage = scope.ServiceProvider.GetRequiredService<IRecordUsage>();
            Assert.Equal(0, await usage.CountAsync(s.Source.Id));
            Assert.Equal(3, await usage.CountAsync(s.Target.Id));
        }

        using var there = Factory.ClientFor(s.Target.Host);
        await there.SignInAsync(s.Both.Email!);
        var records = await (await there.GetAsync($"/solutions/{s.Solution}/tables/patients")).Content.ReadAsStringAsync();
        Assert.Contains("Cecile", records);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/solutions/{s.Solution}")).StatusCode);
    }

    [Fact]
    public async Task RefuseATargetWhereTheUserIsNotAnAdminAndChangeNothing()
    {
        var s = await SetUpAsync(OrganizationRole.Member);
        var page = $"/solutions/workspaces/{s.Workspace}/move";
        var (_, choose) = await s.Client.GetPageAsync(page);
        Assert.Empty(choose.QuerySelectorAll("#to option"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"{page}?to={s.Target.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.PostFormAsync(page, new Dictionary<string, string> { ["to"] = s.Target.Id.ToString() }, page)).StatusCode);
        Assert.True(await World.InTenantAsync(s.Source, db => db.Workspaces.AnyAsync(w => w.Id == s.Workspace)));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, s.Source));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, s.Target));
    }

    [Fact]
    public async Task RefuseAWorkspaceWhoseNameTheTargetAlreadyUses()
    {
        var s = await SetUpAsync();
        var general = await World.InTenantAsync(s.Source, db => db.Workspaces.Where(w => w.Name == "General").Select(w => w.Id).SingleAsync());
        var page = $"/solutions/workspaces/{general}/move?to={s.Target.Id}";
        var (_, preview) = await s.Client.GetPageAsync(page);
        Assert.Contains("already has a workspace named", preview.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(preview.QuerySelector("main form[method=post]"));
        // A forged confirmation for the clashing workspace changes nothing.
        var forged = await s.Client.PostFormAsync($"/solutions/workspaces/{s.Workspace}/move?to={s.Target.Id}", new Dictionary<string, string> { ["to"] = s.Target.Id.ToString() }, $"/solutions/workspaces/{general}/move");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.True(await World.InTenantAsync(s.Source, db => db.Workspaces.AnyAsync(w => w.Id == general)));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, s.Source));
    }

    [Fact]
    public async Task ShowTheMovePageToNoOneButTheOrganizationsAdmins()
    {
        var s = await SetUpAsync();
        var page = $"/solutions/workspaces/{s.Workspace}/move";
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using (var elsewhere = Factory.ClientFor(other.Host))
        {
            await elsewhere.SignInAsync(otherOwner.Email!);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"{page}?to={s.Target.Id}")).StatusCode);
        }

        using (var unknown = Factory.ClientFor("no-such-org.portal.test"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(page)).StatusCode);
        }

        using (var signedOut = Factory.ClientFor(s.Source.Host))
        {
            var response = await signedOut.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        using (var member = Factory.ClientFor(s.Source.Host))
        {
            await member.SignInAsync(s.Both.Email!);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(page)).StatusCode);
            var (_, index) = await member.GetPageAsync("/solutions");
            Assert.Null(index.QuerySelector($"a[href='{page}']"));
        }

        // Another organization's owner cannot even sign in here; a person whose membership ended after signing in gets no access.
        await FormerMembers.RefusedSignInAsync(Factory, s.Source.Host, otherOwner);
        using (var outsider = await FormerMembers.SignedInAsync(Factory, World, s.Source))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(page)).StatusCode);
        }

        Assert.True(await World.InTenantAsync(s.Source, db => db.Workspaces.AnyAsync(w => w.Id == s.Workspace)));
    }
}
