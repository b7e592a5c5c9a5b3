using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// The Solutions module's answer to the kernel's <see cref="ISolutionCatalog"/> (what the consultant
/// seats module asks): the solutions a person built here, and copies of them into their partner's
/// recipe library when their seat ends (C5: nothing they built is lost to them).
/// </summary>
public sealed class SolutionCatalogShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListWhatAPersonBuiltHereWithItsSuspensionInWords()
    {
        var (client, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, client, consultant);
        var recall = await SolutionWorld.CreateSolutionAsync(Factory, client, SolutionWorld.Package("Recall"), builtBy: consultant.Id);
        var intake = await SolutionWorld.CreateSolutionAsync(Factory, client, SolutionWorld.Package("Intake"), builtBy: consultant.Id);
        await SolutionWorld.CreateSolutionAsync(Factory, client, SolutionWorld.Package("Owner's own"), builtBy: owner.Id);
        await World.InTenantAsync(client, db => db.Set<Solution>().Where(s => s.Id == recall).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Suspension, SuspensionMode.ReadOnly).SetProperty(x => x.SuspendedByUserId, consultant.Id).SetProperty(x => x.SuspensionReason, "Unpaid")));
        var (elsewhere, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        await SolutionWorld.CreateSolutionAsync(Factory, elsewhere, SolutionWorld.Package("Elsewhere"), builtBy: consultant.Id);

        var built = await InAsync(client, catalog => catalog.BuiltByAsync(consultant.Id));

        var general = await World.InTenantAsync(client, db => db.Workspaces.Select(w => w.Id).SingleAsync());
        Assert.Equal(
            [new SolutionSummary(intake, "Intake", general, consultant.Id, null), new SolutionSummary(recall, "Recall", general, consultant.Id, "read-only")],
            built.ToArray());
    }

    [Fact]
    public async Task CopyAConsultantsSolutionsIntoTheirPartnersRecipeLibraryMadeWhenThereIsNone()
    {
        var partner = await World.CreateOrganizationAsync("Catalog Partners", OrganizationKind.Partner);
        var consultant = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        // A workspace already called "Recipes" that is not a library keeps its name and its contents.
        var ordinary = await SolutionWorld.WorkspaceAsync(World, partner, "Recipes");
        var (client, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Catalog Dental");
        await SolutionWorld.ConsultantSeatAsync(World, client, consultant);
        var recall = await SolutionWorld.CreateSolutionAsync(Factory, client, SolutionWorld.Package("Recall"), builtBy: consultant.Id);
        var intake = await SolutionWorld.CreateSolutionAsync(Factory, client, SolutionWorld.Package("Intake"), builtBy: consultant.Id);
        var (stranger, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var foreign = await SolutionWorld.CreateSolutionAsync(Factory, stranger, SolutionWorld.Package("Foreign"), builtBy: consultant.Id);

        Assert.Equal(2, await InAsync(client, catalog => catalog.CopyToRecipeLibraryAsync([recall, intake, foreign], partner.Id)));

        var library = await World.InTenantAsync(partner, db => db.Set<RecipeLibrary>().Select(r => r.WorkspaceId).SingleAsync());
        Assert.NotEqual(ordinary, library);
        Assert.Equal("Recipes (2)", await World.InTenantAsync(partner, db => db.Workspaces.Where(w => w.Id == library).Select(w => w.Name).SingleAsync()));
        var copies = await World.InTenantAsync(partner, db => db.Set<Solution>().Where(s => s.WorkspaceId == library).OrderBy(s => s.Name).ToListAsync());
        Assert.Equal(
            [("Intake", consultant.Id, "Catalog Dental", "Intake", (int?)1), ("Recall", consultant.Id, "Catalog Dental", "Recall", (int?)1)],
            copies.Select(c => (c.Name, c.CreatedByUserId, c.SourceOrganization, c.SourceRecipe, c.SourceVersion)).ToArray());
        Assert.Equal(WorkspaceRole.Member, await World.InTenantAsync(partner, db => db.WorkspaceMemberships.Where(m => m.WorkspaceId == library && m.UserId == consultant.Id).Select(m => m.Role).SingleAsync()));
        Assert.Contains("2 from Catalog Dental: Intake, Recall", await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action == "recipes.copied_in").Select(a => a.Detail).SingleAsync()));
        // Copies, definitions only: the client keeps its solutions, the stranger's is untouched.
        Assert.Equal(2, await World.InTenantAsync(client, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(partner, db => db.Set<SolutionRecord>().CountAsync()));

        // The consultant opens and builds their copies on their partner's host.
        using var onPartner = await SolutionWorld.SignedInAsync(Factory, partner, consultant);
        var (_, list) = await onPartner.GetPageAsync("/solutions");
        Assert.Equal(["Intake", "Recall"], list.QuerySelectorAll($"#ws-{library} ~ ul.solutions li > a").Select(a => a.TextContent).Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, (await onPartner.GetAsync($"/solutions/{copies[0].Id}/builder")).StatusCode);

        // A second time, the library is found, not made again.
        Assert.Equal(1, await InAsync(client, catalog => catalog.CopyToRecipeLibraryAsync([recall], partner.Id)));
        Assert.Equal(1, await World.InTenantAsync(partner, db => db.Set<RecipeLibrary>().CountAsync()));
        Assert.Equal(3, await World.InTenantAsync(partner, db => db.Set<Solution>().CountAsync(s => s.WorkspaceId == library)));
    }

    [Fact]
    public async Task CopyNothingWhenTheIdsAreNotThisOrganizations()
    {
        var partner = await World.CreateOrganizationAsync("Empty Partners", OrganizationKind.Partner);
        var (client, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (stranger, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var foreign = await SolutionWorld.CreateSolutionAsync(Factory, stranger, builtBy: owner.Id);
        Assert.Equal(0, await InAsync(client, catalog => catalog.CopyToRecipeLibraryAsync([foreign, Guid.NewGuid()], partner.Id)));
        Assert.Equal(0, await InAsync(client, catalog => catalog.CopyToRecipeLibraryAsync([], partner.Id)));
        Assert.Equal(1, await World.InTenantAsync(partner, db => db.Workspaces.CountAsync()));
        Assert.False(await World.InTenantAsync(partner, db => db.Set<RecipeLibrary>().AnyAsync()));
    }

    private async Task<T> InAsync<T>(TestOrganization org, Func<ISolutionCatalog, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            return await work(scope.ServiceProvider.GetRequiredService<ISolutionCatalog>());
        }
    }
}
