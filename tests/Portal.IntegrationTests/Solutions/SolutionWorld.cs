using AngleSharp.Dom;
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

    /// <summary>A published solution in the organization's first workspace (or <paramref name="workspaceId"/>), built by <paramref name="builtBy"/> when named.</summary>
    public static async Task<Guid> CreateSolutionAsync(PortalFactory factory, TestOrganization org, string? package = null, Guid? workspaceId = null, Guid? builtBy = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var workspace = workspaceId ?? await db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync();
            var read = PackageReader.Read(package ?? Package());
            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            var solution = await scope.ServiceProvider.GetRequiredService<SolutionLibrary>().ImportAsync(workspace, read.Package!, CancellationToken.None, builtBy);
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

    /// <summary>
    /// Seats <paramref name="consultant"/> in the organization as the consultant seats module does: a
    /// membership that module manages (a free seat) and the consultant's role in the workspace (the
    /// organization's first one unless named).
    /// </summary>
    public static Task ConsultantSeatAsync(TestWorld world, TestOrganization org, PortalUser consultant, Guid? workspaceId = null, WorkspaceRole role = WorkspaceRole.Consultant) =>
        world.InTenantAsync(org, async db =>
        {
            var workspace = workspaceId ?? await db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync();
            if (!await db.Memberships.AnyAsync(m => m.UserId == consultant.Id))
            {
                db.Memberships.Add(new Membership { UserId = consultant.Id, Role = OrganizationRole.Member, CreatedAt = DateTime.UtcNow, ManagedBy = "ConsultantSeats", FreeSeat = "consultant seat" });
            }

            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace, UserId = consultant.Id, Role = role, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

    /// <summary>Gives a member of the organization a seat with <paramref name="role"/> in one more workspace.</summary>
    public static Task SeatAsync(TestWorld world, TestOrganization org, PortalUser user, Guid workspaceId, WorkspaceRole role) =>
        world.InTenantAsync(org, db =>
        {
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspaceId, UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

    /// <summary>A workspace of the organization, made straight in the database (the pages that make them are tested on their own).</summary>
    public static Task<Guid> WorkspaceAsync(TestWorld world, TestOrganization org, string name) =>
        world.InTenantAsync(org, async db =>
        {
            var workspace = new Workspace { Name = name, CreatedAt = DateTime.UtcNow };
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
            return workspace.Id;
        });

    /// <summary>A signed-in client of <paramref name="user"/> on the organization's host.</summary>
    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, TestOrganization org, PortalUser user)
    {
        var client = factory.ClientFor(org.Host);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
        return client;
    }

    /// <summary>
    /// An organization on Pro with a published solution and its owner signed in on its host: Pro has no
    /// record limit, where the free plan's 50 records would refuse a large import or seeded rows (R7).
    /// </summary>
    public static async Task<SolutionOnPro> OnProAsync(PortalFactory factory, TestWorld world)
    {
        var (org, owner) = await world.OrganizationWithMemberAsync(OrganizationRole.Owner);
        await Billing.BillingWorld.SubscribeAsync(world, org, PartnerPortal.Billing.Plan.Seeded.ProId);
        var solution = await CreateSolutionAsync(factory, org);
        return new SolutionOnPro(org, owner, await SignedInAsync(factory, org, owner), solution);
    }

    public static Task<int> RecordCountAsync(TestWorld world, TestOrganization org) =>
        world.InTenantAsync(org, db => db.Set<SolutionRecord>().CountAsync());

    public static string ImportPath(Guid solution) => $"/solutions/{solution}/tables/patients/import";

    public static Task<HttpResponseMessage> PreviewImportAsync(PortalClient client, Guid solution, byte[] file, string name) =>
        client.PostMultipartAsync(ImportPath(solution), new Dictionary<string, string>(), new Dictionary<string, (string, byte[])> { ["file"] = (name, file) }, $"{ImportPath(solution)}?handler=Preview");

    /// <summary>Previews the file and confirms it, as a person on the import page does; returns the confirmation's answer.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(PortalClient client, Guid solution, byte[] file, string name)
    {
        var preview = await PreviewImportAsync(client, solution, file, name);
        Assert.Equal(System.Net.HttpStatusCode.OK, preview.StatusCode);
        var run = (await PortalClient.ParseAsync(preview)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=run]")!.Value;
        return await client.PostFormAsync(ImportPath(solution), new Dictionary<string, string> { ["run"] = run }, $"{ImportPath(solution)}?handler=Import");
    }

    /// <summary>A CSV of <paramref name="rows"/> distinct patients for the package's patients table.</summary>
    public static byte[] PatientsCsv(int rows) =>
        System.Text.Encoding.UTF8.GetBytes("Name,E-mail,Visits\r\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"Patient {i},p{i}@example.test,{i % 9}\r\n")));
}

/// <summary>What <see cref="SolutionWorld.OnProAsync"/> sets up.</summary>
public sealed record SolutionOnPro(TestOrganization Org, PortalUser Owner, PortalClient Client, Guid Solution);
