using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>Partners, clients on priced plans and kernel events for the program's tests; every name fresh.</summary>
public static class ProgramWorld
{
    /// <summary>A program without the P5 metrics, so a test's points are exactly the MRR it set up.</summary>
    public static Task UseProgramAsync(PortalFactory factory, ProgramSettings? program = null) =>
        new TestWorld(factory).GlobalAsync(async db =>
        {
            var settings = new PlatformSettings(db, TimeProvider.System);
            await settings.SetAsync(ProgramSettingsStore.Key, (program ?? new ProgramSettings { Metrics = [] }).ToJson());
            return await db.SaveChangesAsync();
        });

    public static async Task<(TestOrganization Partner, PortalUser Owner)> PartnerAsync(TestWorld world, string name)
    {
        var partner = await world.CreateOrganizationAsync(name, OrganizationKind.Partner, configure: o =>
        {
            o.Branding.MailFromName = name;
            o.Branding.PrimaryColor = "#7C2D12";
        });
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        return (partner, owner);
    }

    /// <summary>A plan of the platform at <paramref name="price"/> a month.</summary>
    public static Task<Guid> PlanAsync(TestWorld world, decimal price, string currency) =>
        world.GlobalAsync(async db =>
        {
            var plan = new Plan { Code = TestWorld.UniqueSlug("plan"), Name = $"Plan {price} {currency}", MonthlyListPrice = price, Currency = currency, SortOrder = 50, CreatedAt = DateTime.UtcNow };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

    /// <summary>A client account on a plan; linked to <paramref name="reseller"/> when given.</summary>
    public static async Task<TestOrganization> ClientAsync(TestWorld world, string name, Guid planId, TestOrganization? reseller = null, BillingMode mode = BillingMode.ResellerBilled)
    {
        var client = await world.CreateOrganizationAsync(name, reseller: reseller);
        await world.InTenantAsync(client, async db =>
        {
            db.AccountSubscriptions.Add(new AccountSubscription { PlanId = planId, ChangedAt = DateTime.UtcNow, BillingMode = mode });
            return await db.SaveChangesAsync();
        });
        return client;
    }

    /// <summary>Raises an event as a module does after a user's change.</summary>
    public static async Task RaiseAsync(PortalFactory factory, PortalEvent e)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPortalEvents>().PublishAsync(e);
    }

    public static async Task<RecalculationPass> RecalculateAsync(PortalFactory factory, DateTime? now = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TierRecalculation>().RunPassAsync(now ?? DateTime.UtcNow, CancellationToken.None);
    }

    public static Task<List<LedgerEntry>> LedgerAsync(TestWorld world, TestOrganization partner) =>
        world.InTenantAsync(partner, db => db.Set<LedgerEntry>().AsNoTracking().OrderBy(e => e.SourceKey).ToListAsync());

    public static Task<List<ManagedRelationship>> RelationshipsAsync(TestWorld world, TestOrganization partner) =>
        world.InTenantAsync(partner, db => db.Set<ManagedRelationship>().AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync());

    public static Task<PartnerTier?> TierAsync(TestWorld world, TestOrganization partner) =>
        world.InTenantAsync(partner, db => db.Set<PartnerTier>().AsNoTracking().FirstOrDefaultAsync());

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
        return client;
    }
}
