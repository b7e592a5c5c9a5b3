using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>A reseller with a client (and the people of both), a solution to fill, and subscriptions, as billing tests need them.</summary>
public sealed record ResellerWithClient(TestOrganization Reseller, PortalUser ResellerAdmin, TestOrganization Client, PortalUser ClientOwner);

public static class BillingWorld
{
    public const string ResellerSupport = "help@reseller.test";

    /// <summary>A reseller (support e-mail <see cref="ResellerSupport"/>, one partner admin) and a client linked to it with an owner.</summary>
    public static async Task<ResellerWithClient> ResellerWithClientAsync(TestWorld world, string resellerName = "Helpful Resellers", string clientName = "Client Co")
    {
        var reseller = await world.CreateOrganizationAsync(resellerName, OrganizationKind.Partner, configure: o => o.Branding.SupportEmail = ResellerSupport);
        var resellerAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, resellerAdmin, OrganizationRole.Admin);
        var client = await world.CreateOrganizationAsync(clientName, reseller: reseller);
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(client, owner, OrganizationRole.Owner);
        return new ResellerWithClient(reseller, resellerAdmin, client, owner);
    }

    public static async Task SubscribeAsync(TestWorld world, TestOrganization org, Guid planId, Action<AccountSubscription>? configure = null)
    {
        await world.InTenantAsync(org, async db =>
        {
            var subscription = await db.AccountSubscriptions.FirstOrDefaultAsync();
            if (subscription is null)
            {
                subscription = new AccountSubscription { ChangedAt = DateTime.UtcNow };
                db.AccountSubscriptions.Add(subscription);
            }

            subscription.PlanId = planId;
            configure?.Invoke(subscription);
            return await db.SaveChangesAsync();
        });
        await world.AnnounceAsync(org, KernelEvents.SubscriptionChanged);
    }

    public static Task<AccountSubscription?> SubscriptionAsync(TestWorld world, TestOrganization org) =>
        world.InTenantAsync(org, db => db.AccountSubscriptions.AsNoTracking().FirstOrDefaultAsync());

    /// <summary>Adds <paramref name="count"/> records to the solution's patients table through the module's own store (counter kept).</summary>
    public static Task AddRecordsAsync(PortalFactory factory, TestOrganization org, Guid solutionId, int count) =>
        AddRecordsAsync(factory, org, solutionId, Enumerable.Range(1, count).Select(i => new JsonObject { ["name"] = $"Patient {i}" }).ToList());

    /// <summary>Adds <paramref name="rows"/> to the solution's patients table through the module's own store (counter kept, rules queued).</summary>
    public static async Task AddRecordsAsync(PortalFactory factory, TestOrganization org, Guid solutionId, IReadOnlyList<JsonObject> rows)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var solution = await db.Set<Solution>().SingleAsync(s => s.Id == solutionId);
            var definition = (await scope.ServiceProvider.GetRequiredService<SolutionLibrary>().PublishedDefinitionAsync(solution, CancellationToken.None))!;
            await scope.ServiceProvider.GetRequiredService<RecordStore>().AddAsync(solution, definition, definition.Table("patients")!, rows, CancellationToken.None);
            await db.SaveChangesAsync();
        }
    }

    public static async Task<Guid> SolutionWithRecordsAsync(PortalFactory factory, TestOrganization org, int records)
    {
        var solutionId = await SolutionWorld.CreateSolutionAsync(factory, org);
        if (records > 0) await AddRecordsAsync(factory, org, solutionId, records);
        return solutionId;
    }

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        await client.SignInAsync(user.Email!);
        return client;
    }

    public static Task<List<string>> AuditAsync(TestWorld world, TestOrganization org, string prefix) =>
        world.InTenantAsync(org, db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());
}
