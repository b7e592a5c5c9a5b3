using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R11: a partner admin who also runs another reseller merges it into this one after a preview.</summary>
public sealed class MergeShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
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
