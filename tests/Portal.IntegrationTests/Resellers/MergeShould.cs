using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Impersonation;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R11: a partner admin who also runs another reseller merges it into this one after a preview.</summary>
public sealed class MergeShould(EventRecordingPortalFactory factory) : PortalTest<EventRecordingPortalFactory>(factory)
{
    [Fact]
    public async Task PreviewThenMoveClientsAndEmployeesAndMakeTheOtherRegular()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await World.AddMemberAsync(world.OtherReseller, world.Admin, OrganizationRole.Admin);
        var theirEmployee = await World.CreateUserAsync();
        await World.AddMemberAsync(world.OtherReseller, theirEmployee, OrganizationRole.Member);
        await ResellerWorld.AssignAsync(World, world.OtherReseller, theirEmployee, world.OtherClient);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var (_, choose) = await admin.GetPageAsync("/team/merge");
        Assert.Equal(world.OtherReseller.Id.ToString(), choose.QuerySelector("select#from option")!.GetAttribute("value"));
        var (_, preview) = await admin.GetPageAsync($"/team/merge?from={world.OtherReseller.Id}");
        Assert.Equal(["Gamma Not Yours"], preview.QuerySelectorAll("#moving-clients li").Select(l => l.TextContent));
        Assert.Contains(theirEmployee.Email, preview.QuerySelectorAll("#moving-employees li").Select(l => l.TextContent));
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.OtherReseller.Id && l.EndedAt == null))); // a preview changes nothing

        var merged = await admin.PostFormAsync($"/team/merge?from={world.OtherReseller.Id}", new Dictionary<string, string> { ["from"] = world.OtherReseller.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.Reseller.Id && l.ClientId == world.OtherClient.Id && l.EndedAt == null)));
        Assert.False(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.OtherReseller.Id && l.EndedAt == null)));
        Assert.Equal(OrganizationKind.Client, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.OtherReseller.Id).Select(o => o.Kind).SingleAsync()));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.Memberships.AnyAsync(m => m.UserId == theirEmployee.Id && m.Role == OrganizationRole.Member)));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.Memberships.AnyAsync(m => m.UserId == world.OtherAdmin.Id && m.Role == OrganizationRole.Admin)));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.PartnerClientAssignments.AnyAsync(a => a.UserId == theirEmployee.Id && a.ClientId == world.OtherClient.Id)));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.merged")));
        Assert.True(await World.InTenantAsync(world.OtherReseller, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.merged")));

        using var moved = await Factory.SignedInAsync(world.Reseller.Host, theirEmployee);
        var (_, dashboard) = await moved.GetPageAsync("/clients");
        Assert.Equal(["Gamma Not Yours"], dashboard.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task MoveTheOtherResellersRecipesWithTheirRecordsAndKeepThemRecipes()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await World.AddMemberAsync(world.OtherReseller, world.Admin, OrganizationRole.Admin);
        var leaver = await World.CreateUserAsync();
        await World.AddMemberAsync(world.OtherReseller, leaver, OrganizationRole.Member);
        await World.InTenantAsync(world.OtherReseller, db => db.Memberships.Where(m => m.UserId == leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        var ours = await RecipesWorkspaceAsync(world.Reseller, []);
        var theirs = await RecipesWorkspaceAsync(world.OtherReseller, [world.OtherAdmin, leaver]);
        var clinic = await ImportAsync(world.OtherReseller, theirs, "Clinic");
        var gym = await ImportAsync(world.OtherReseller, theirs, "Gym");
        using (var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin))
        {
            await SolutionsShould.ImportCsvAsync(other, clinic, "Name\r\nAda\r\nBram\r\nCecile\r\n");
        }

        Assert.Equal((3, 0), (await UsageAsync(world.OtherReseller), await UsageAsync(world.Reseller)));
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var (_, preview) = await admin.GetPageAsync($"/team/merge?from={world.OtherReseller.Id}");
        Assert.Equal(["Recipes workspace \"Recipes\" (2 solutions)"], preview.QuerySelectorAll("#moving-other li").Select(l => l.TextContent));
        Assert.Equal(["Gamma Not Yours"], preview.QuerySelectorAll("#moving-clients li").Select(l => l.TextContent));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, world.OtherReseller)); // a preview changes nothing

        var merged = await admin.PostFormAsync($"/team/merge?from={world.OtherReseller.Id}", new Dictionary<string, string> { ["from"] = world.OtherReseller.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal("Recipes from Contoso Resellers", await World.InTenantAsync(world.Reseller, db => db.Workspaces.Where(w => w.Id == theirs).Select(w => w.Name).SingleAsync()));
        Assert.Equal(new[] { ours, theirs }.Order(), (await World.InTenantAsync(world.Reseller, db => db.Set<RecipeLibrary>().Select(r => r.WorkspaceId).ToListAsync())).Order());
        Assert.Equal(new[] { clinic, gym }.Order(), (await World.InTenantAsync(world.Reseller, db => db.Set<Solution>().Where(x => x.WorkspaceId == theirs).Select(x => x.Id).ToListAsync())).Order());
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, world.Reseller));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, world.OtherReseller));
        Assert.False(await World.InTenantAsync(world.OtherReseller, db => db.Set<Solution>().AnyAsync()));
        Assert.False(await World.InTenantAsync(world.OtherReseller, db => db.Set<RecipeLibrary>().AnyAsync()));
        Assert.Equal((0, 3), (await UsageAsync(world.OtherReseller), await UsageAsync(world.Reseller)));
        Assert.Equal([world.OtherAdmin.Id], await World.GlobalAsync(db => db.WorkspaceMemberships.IgnoreQueryFilters().Where(m => m.WorkspaceId == theirs).Select(m => m.UserId).ToListAsync()));
        Assert.Contains(Factory.Events, e => e.Kind == "resellers.merged" && e.OrganizationId == world.Reseller.Id && e.UserId == world.Admin.Id);

        var (_, index) = await admin.GetPageAsync("/solutions");
        var heading = index.QuerySelector($"#ws-{theirs}")!;
        Assert.Contains("Recipes from Contoso Resellers", heading.TextContent);
        Assert.Equal("Recipes", heading.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Cecile", await (await admin.GetAsync($"/solutions/{clinic}/tables/patients")).Content.ReadAsStringAsync());
    }

    /// <summary>A "Recipes" workspace marked as the reseller's recipe library, with seats for <paramref name="seated"/>.</summary>
    private Task<Guid> RecipesWorkspaceAsync(TestOrganization reseller, PortalUser[] seated) =>
        World.InTenantAsync(reseller, async db =>
        {
            var workspace = new Workspace { Name = "Recipes", CreatedAt = DateTime.UtcNow };
            db.Workspaces.Add(workspace);
            db.Add(new RecipeLibrary { WorkspaceId = workspace.Id });
            foreach (var user in seated) db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = user.Id, Role = WorkspaceRole.Admin, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return workspace.Id;
        });

    private async Task<Guid> ImportAsync(TestOrganization reseller, Guid workspace, string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(reseller.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var package = PackageReader.Read(SolutionWorld.Package(name)).Package!;
            return (await scope.ServiceProvider.GetRequiredService<SolutionLibrary>().ImportAsync(workspace, package, CancellationToken.None)).Id;
        }
    }

    private async Task<long> UsageAsync(TestOrganization organization)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecordUsage>().CountAsync(organization.Id);
    }

    [Fact]
    public async Task RefuseToMergeAResellerTheUserDoesNotRun()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/team/merge?from={world.OtherReseller.Id}")).StatusCode);
        var response = await admin.PostFormAsync("/team/merge", new Dictionary<string, string> { ["from"] = world.OtherReseller.Id.ToString() }, action: "/team/merge");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OrganizationKind.Partner, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == world.OtherReseller.Id).Select(o => o.Kind).SingleAsync()));
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.OtherReseller.Id && l.ClientId == world.OtherClient.Id && l.EndedAt == null)));
    }
}
