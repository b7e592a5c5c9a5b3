using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R13, R15: partner admins manage roles, invitations, deactivation and which employee reaches which client.</summary>
public sealed class TeamShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListEmployeesWithTheirPartnerRoles()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var (response, page) = await admin.GetPageAsync("/team");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string RoleOf(PortalUser user) => page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent == user.Email)
            .QuerySelector(".role option[selected], .role span")!.TextContent.Trim();
        Assert.Equal("owner (partner admin)", RoleOf(world.Admin));
        Assert.Equal("partner employee", RoleOf(world.Employee));
        Assert.Equal("support specialist", RoleOf(world.Specialist));
    }

    [Fact]
    public async Task AssignAndRemoveClientsAndChangeRoles()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var membership = await MembershipOfAsync(world, world.Employee);

        var assigned = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["client"] = world.First.Host }, action: "/team?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var byName = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["client"] = "beta fitness" }, action: "/team?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, byName.StatusCode);
        var foreign = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["client"] = world.OtherClient.Host }, action: "/team?handler=Assign");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Contains("None of your clients", (await PortalClient.ParseAsync(foreign)).QuerySelector("#form-error")!.TextContent);

        using (var employee = await Factory.SignedInAsync(world.Reseller.Host, world.Employee))
        {
            var (_, page) = await employee.GetPageAsync("/clients");
            Assert.Equal(["Alpha Dental", "Beta Fitness"], page.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/team")).StatusCode);
        }

        var removed = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["clientId"] = world.First.Id.ToString() }, action: "/team?handler=Unassign");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var role = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["role"] = "SupportSpecialist" }, action: "/team?handler=Role");
        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);

        using (var specialist = await Factory.SignedInAsync(world.Reseller.Host, world.Employee))
        {
            var (_, page) = await specialist.GetPageAsync("/clients");
            Assert.Equal(["Beta Fitness"], page.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
            Assert.Empty(page.QuerySelectorAll(".list-price"));
        }

        var audit = await World.InTenantAsync(world.Reseller, db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("access.assigned", audit);
        Assert.Contains("access.unassigned", audit);
        Assert.Contains("member.role_changed", audit);
    }

    [Fact]
    public async Task LetADeactivatedEmployeeReachNothingUntilReactivated()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Employee, world.First);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        using var employee = await Factory.SignedInAsync(world.Reseller.Host, world.Employee);
        var membership = await MembershipOfAsync(world, world.Employee);

        var off = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["active"] = "false" }, action: "/team?handler=Active");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/clients/{world.First.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/clients/export.csv")).StatusCode);
        Assert.Equal("deactivated", (await admin.GetPageAsync("/team")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(world.Employee.Email!)).QuerySelector(".state")!.FirstChild!.TextContent.Trim());

        var on = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = membership.ToString(), ["active"] = "true" }, action: "/team?handler=Active");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync("/clients")).StatusCode);
        var audit = await World.InTenantAsync(world.Reseller, db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("member.deactivated", audit);
        Assert.Contains("member.reactivated", audit);
    }

    [Fact]
    public async Task RefuseToDeactivateOwnersOrOneself()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var self = await MembershipOfAsync(world, world.Admin);
        var response = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["membershipId"] = self.ToString(), ["active"] = "false" }, action: "/team?handler=Active");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Null(await World.InTenantAsync(world.Reseller, db => db.Memberships.Where(m => m.Id == self).Select(m => m.DeactivatedAt).SingleAsync()));
    }

    [Fact]
    public async Task InviteAnEmployee()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var email = $"{TestWorld.UniqueSlug("new")}@northwind.test";
        var response = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["email"] = email, ["role"] = "PartnerEmployee" }, action: "/team?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invitation = await World.InTenantAsync(world.Reseller, db => db.Invitations.SingleAsync());
        Assert.Equal(email, invitation.Email);
        Assert.Equal(OrganizationRole.Member, invitation.Role);
        var bad = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["email"] = "nope", ["role"] = "PartnerEmployee" }, action: "/team?handler=Invite");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    [Fact]
    public async Task LetNoOneChangeAnotherResellersPeople()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin);
        var membership = await MembershipOfAsync(world, world.Employee);
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Active", new() { ["membershipId"] = membership.ToString(), ["active"] = "false" }),
            ("Role", new() { ["membershipId"] = membership.ToString(), ["role"] = "PartnerAdmin" }),
            ("Assign", new() { ["membershipId"] = membership.ToString(), ["client"] = world.OtherClient.Host }),
            ("Unassign", new() { ["membershipId"] = membership.ToString(), ["clientId"] = world.First.Id.ToString() }),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/team", fields, action: $"/team?handler={handler}")).StatusCode);
        }

        var employee = await World.InTenantAsync(world.Reseller, db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == membership));
        Assert.Null(employee.DeactivatedAt);
        Assert.Equal(OrganizationRole.Member, employee.Role);
    }

    private Task<Guid> MembershipOfAsync(ResellerWorld world, PortalUser user) =>
        World.InTenantAsync(world.Reseller, db => db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.Id).SingleAsync());
}
