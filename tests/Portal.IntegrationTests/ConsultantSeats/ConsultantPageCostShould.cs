using System.Net;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// Issue 11: a signed-in consultant's page costs no more database commands than a member's. A
/// consultant in a seat and a plain member of the same client, in the same workspace and seeing
/// as many solutions of it, open the same pages; each page, warm, is counted for both.
/// </summary>
public sealed class ConsultantPageCostShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    /// <summary>Solutions in the workspace; the member and the consultant each see <see cref="Visible"/> of them.</summary>
    private const int InWorkspace = 24;

    private const int Visible = 6;

    [Theory]
    [InlineData("/dashboard", "the home: the apps they may open, and the consultant's seat")]
    [InlineData("/workspaces/{workspace}", "the workspace: their role and its actions")]
    [InlineData("/workspaces", "the workspaces they are in")]
    [InlineData("/solutions", "the solutions list, scoped to what each may open")]
    [InlineData("/solutions/{solution}", "a solution both were given, opening on its records")]
    [InlineData("/solutions/{solution}/tables/patients", "that solution's records table")]
    [InlineData("/consultant-seat", "the seat page: the consultant's seat, or the member's word that they hold none")]
    public async Task IssueNoMoreDatabaseCommandsForAConsultantThanForAMember(string page, string why)
    {
        var world = await SeatsWorld.CreateAsync(World);
        await world.SeatAsync(Factory);
        var member = await SolutionWorld.WorkspaceMemberAsync(World, world.Client, WorkspaceRole.Member);
        var solutions = new List<Guid>();
        for (var i = 0; i < InWorkspace; i++)
        {
            // A third of the consultant's are their own work, the rest were given to them; the member's are all given.
            var builtBy = i < Visible / 3 ? world.Consultant.Id : world.ClientOwner.Id;
            solutions.Add(await SolutionWorld.CreateSolutionAsync(Factory, world.Client, SolutionWorld.Package($"App {i:00}"), world.Workspace, builtBy));
        }

        var shared = solutions[Visible - 1];
        await World.InTenantAsync(world.Client, db =>
        {
            foreach (var id in solutions.Take(Visible)) db.Add(new SolutionAssignment { SolutionId = id, UserId = member.Id });
            foreach (var id in solutions.Skip(Visible / 3).Take(Visible - Visible / 3)) db.Add(new SolutionAssignment { SolutionId = id, UserId = world.Consultant.Id });
            return db.SaveChangesAsync();
        });
        var path = page.Replace("{workspace}", world.Workspace.ToString()).Replace("{solution}", shared.ToString());

        using var consultant = await SolutionWorld.SignedInAsync(Factory, world.Client, world.Consultant);
        using var plain = await SolutionWorld.SignedInAsync(Factory, world.Client, member);
        // A fair comparison: each sees as many solutions.
        foreach (var client in new[] { consultant, plain })
        {
            Assert.Equal(Visible, (await client.GetPageAsync("/solutions")).Document.QuerySelectorAll("ul.solutions li > a").Length);
        }

        var (consultantCost, consultantCommands) = await CostAsync(consultant, path);
        var (memberCost, memberCommands) = await CostAsync(plain, path);

        Assert.True(consultantCost <= memberCost,
            $"{path} ({why}): the consultant's view issued {consultantCost} commands, the member's {memberCost}.\n" +
            $"Consultant:\n{string.Join("\n", consultantCommands)}\n\nMember:\n{string.Join("\n", memberCommands)}");
    }

    /// <summary>The commands of one warm view of the page (the first view fills per-process caches and stamps the last activity).</summary>
    private async Task<(int Count, IReadOnlyList<string> Commands)> CostAsync(PortalClient client, string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var before = Factory.Commands.CountServingRequests;
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = Factory.Commands.ServingRequestsFrom(before);
        return (commands.Count, commands);
    }
}
