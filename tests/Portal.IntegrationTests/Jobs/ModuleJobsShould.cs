using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Solutions;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Jobs;

/// <summary>A module's jobs skip every organization whose module a platform admin switched off, and still work for the others.</summary>
public sealed class ModuleJobsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task NotRunTheRulesOfAnOrganizationThatSwitchedSolutionsOff()
    {
        var off = await World.CreateOrganizationAsync("Switched Off Clinic");
        var on = await World.CreateOrganizationAsync("Switched On Clinic");
        await SwitchAsync("Solutions", off.Id, on: false);
        var offAddress = $"{TestWorld.UniqueSlug("off")}@people.test";
        var onAddress = $"{TestWorld.UniqueSlug("on")}@people.test";
        await AddPatientAsync(off, offAddress);
        await AddPatientAsync(on, onAddress);

        // The organization with the module on has its rule run (its e-mail queued)…
        await WaitUntilAsync(() => QueuedAsync(on, onAddress));
        // …while the other's run waits untouched, several intervals later.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(await QueuedAsync(off, offAddress));
        var waiting = await World.InTenantAsync(off, db => db.Set<RuleRun>().AsNoTracking().SingleAsync());
        Assert.Null(waiting.DoneAt);
        Assert.Null(waiting.ClaimedBy);
        Assert.Equal(0, waiting.Attempts);

        // Switched on again, the run that waited is run: switching off skips work, it loses none.
        await SwitchAsync("Solutions", off.Id, on: null);
        await WaitUntilAsync(() => QueuedAsync(off, offAddress));
    }

    [Fact]
    public async Task KeepTheDeletedClientsOfAResellerThatSwitchedResellersOff()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await SwitchAsync("Resellers", world.Reseller.Id, on: false);
        await DeleteClientAsync(world.Reseller, world.Admin.Id, world.First);
        await DeleteClientAsync(world.OtherReseller, world.OtherAdmin.Id, world.OtherClient);

        Assert.Equal(1, await PurgeDueAsync(DateTime.UtcNow.AddDays(31)));
        Assert.True(await ExistsAsync(world.First));
        Assert.False(await ExistsAsync(world.OtherClient));

        await SwitchAsync("Resellers", world.Reseller.Id, on: null);
        Assert.Equal(1, await PurgeDueAsync(DateTime.UtcNow.AddDays(31)));
        Assert.False(await ExistsAsync(world.First));
    }

    private async Task AddPatientAsync(TestOrganization org, string email)
    {
        var rule = """{ "key": "welcome", "name": "Welcome", "table": "patients", "trigger": "created", "action": { "type": "email", "toField": "email", "subject": "Welcome, {{ name }}", "body": "Hello {{ name }}." } }""";
        var solutionId = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package(rulesJson: rule));
        // Written through the module's record store, as the records page writes it: the rule run is queued with the record.
        await BillingWorld.AddRecordsAsync(Factory, org, solutionId, [new JsonObject { ["name"] = "Ada", ["email"] = email }]);
    }

    private Task<bool> QueuedAsync(TestOrganization org, string to) =>
        World.InTenantAsync(org, db => db.Outbox.AnyAsync(m => m.ToAddress == to));

    private async Task DeleteClientAsync(TestOrganization reseller, Guid userId, TestOrganization client)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(await store.FindByIdAsync(reseller.Id)))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ClientAccounts>().DeleteAsync((await store.FindByIdAsync(client.Id))!, client.Name, userId));
        }
    }

    private async Task<int> PurgeDueAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientPurge>().PurgeDueAsync(now);
    }

    private Task<bool> ExistsAsync(TestOrganization org) => World.GlobalAsync(db => db.Organizations.AnyAsync(o => o.Id == org.Id));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "it did not happen within 15 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Switches the module for one organization as the platform's organization page does (null: back to its kind's default).</summary>
    private async Task SwitchAsync(string module, Guid organizationId, bool? on)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ModuleSettings>().SaveAsync(organizationId, new Dictionary<string, bool?> { [module] = on }));
    }
}
