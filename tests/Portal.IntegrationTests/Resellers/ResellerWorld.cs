using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Modularity;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>Two resellers with their people and clients, fresh for each test.</summary>
public sealed record ResellerWorld(
    TestOrganization Reseller,
    PortalUser Admin,
    PortalUser Employee,
    PortalUser Specialist,
    TestOrganization First,
    TestOrganization Second,
    PortalUser ClientOwner,
    TestOrganization OtherReseller,
    PortalUser OtherAdmin,
    TestOrganization OtherClient,
    TestOrganization Direct,
    PortalUser DirectOwner)
{
    public static async Task<ResellerWorld> CreateAsync(TestWorld world, string resellerName = "Northwind Partners")
    {
        var reseller = await world.CreateOrganizationAsync(resellerName, OrganizationKind.Partner);
        var admin = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, admin, OrganizationRole.Owner);
        var employee = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, employee, OrganizationRole.Member);
        var specialist = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, specialist, OrganizationRole.Member);
        await world.InTenantAsync(reseller, db => db.Memberships.Where(m => m.UserId == specialist.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SupportSpecialist, true)));

        var first = await world.CreateOrganizationAsync("Alpha Dental", reseller: reseller);
        var second = await world.CreateOrganizationAsync("Beta Fitness", reseller: reseller);
        var clientOwner = await world.CreateUserAsync();
        await world.AddMemberAsync(first, clientOwner, OrganizationRole.Owner);

        var otherReseller = await world.CreateOrganizationAsync("Contoso Resellers", OrganizationKind.Partner);
        var otherAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(otherReseller, otherAdmin, OrganizationRole.Owner);
        var otherClient = await world.CreateOrganizationAsync("Gamma Not Yours", reseller: otherReseller);
        var direct = await world.CreateOrganizationAsync("Delta Direct");
        var directOwner = await world.CreateUserAsync();
        await world.AddMemberAsync(direct, directOwner, OrganizationRole.Owner);
        return new ResellerWorld(reseller, admin, employee, specialist, first, second, clientOwner, otherReseller, otherAdmin, otherClient, direct, directOwner);
    }

    /// <summary>Puts <paramref name="client"/> on a plan with the reseller's own monthly price.</summary>
    public static async Task SubscribeAsync(TestWorld world, TestOrganization client, Guid planId, decimal? resellerPrice = null)
    {
        await world.InTenantAsync(client, async db =>
        {
            db.AccountSubscriptions.Add(new AccountSubscription { PlanId = planId, ChangedAt = DateTime.UtcNow, ResellerPrice = resellerPrice, ResellerPriceCurrency = resellerPrice is null ? null : "USD" });
            return await db.SaveChangesAsync();
        });
        await world.AnnounceAsync(client, KernelEvents.SubscriptionChanged);
    }

    public static Task AssignAsync(TestWorld world, TestOrganization reseller, PortalUser user, TestOrganization client) =>
        world.InTenantAsync(reseller, async db =>
        {
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { UserId = user.Id, ClientId = client.Id, AssignedByUserId = user.Id, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
}

public static class PortalFactorySignIn
{
    public static async Task<PortalClient> SignedInAsync(this PortalFactory factory, string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        var response = await client.SignInAsync(user.Email!);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
