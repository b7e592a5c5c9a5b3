using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>Solutions a test needs, created through the module's own services in the organization's tenant.</summary>
public static class SolutionWorld
{
    public static string Package(string name = "Clinic", string? rulesJson = null) => $$"""
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "{{name}}",
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [
                { "key": "name", "name": "Name", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email" },
                { "key": "visits", "name": "Visits", "type": "number" },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Booked", "Done"] } ] }
          ],
          "rules": [ {{rulesJson}} ]
        }
        """;

    public static async Task<Guid> CreateSolutionAsync(PortalFactory factory, TestOrganization org, string? package = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var workspace = await db.Workspaces.Select(w => w.Id).FirstAsync();
            var read = PackageReader.Read(package ?? Package());
            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            var solution = await scope.ServiceProvider.GetRequiredService<SolutionLibrary>().ImportAsync(workspace, read.Package!, CancellationToken.None);
            return solution.Id;
        }
    }

    /// <summary>A member of the organization's first workspace with the given workspace role.</summary>
    public static async Task<PortalUser> WorkspaceMemberAsync(TestWorld world, TestOrganization org, WorkspaceRole role)
    {
        var user = await world.CreateUserAsync();
        await world.AddMemberAsync(org, user, OrganizationRole.Member);
        await world.InTenantAsync(org, async db =>
        {
            var seat = await db.WorkspaceMemberships.SingleAsync(m => m.UserId == user.Id);
            seat.Role = role;
            return await db.SaveChangesAsync();
        });
        return user;
    }

    /// <summary>A workspace member assigned to the solution: works with its records (C11).</summary>
    public static async Task<PortalUser> AssignedMemberAsync(TestWorld world, TestOrganization org, Guid solutionId)
    {
        var member = await WorkspaceMemberAsync(world, org, WorkspaceRole.Member);
        await world.InTenantAsync(org, db =>
        {
            db.Add(new SolutionAssignment { SolutionId = solutionId, UserId = member.Id });
            return db.SaveChangesAsync();
        });
        return member;
    }

    public static Task<int> RecordCountAsync(TestWorld world, TestOrganization org) =>
        world.InTenantAsync(org, db => db.Set<SolutionRecord>().CountAsync());
}
