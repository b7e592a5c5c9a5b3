using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Impersonation;

/// <summary>A reseller with an admin, an assigned and an unassigned employee, a client with an owner and an admin, and a second reseller with its own client.</summary>
public sealed record ImpersonationWorld(
    TestOrganization Reseller, PortalUser ResellerAdmin, PortalUser AssignedEmployee, PortalUser UnassignedEmployee,
    TestOrganization Client, PortalUser ClientOwner, PortalUser ClientAdmin,
    TestOrganization OtherReseller, PortalUser OtherResellerAdmin, TestOrganization OtherClient)
{
    public static async Task<ImpersonationWorld> CreateAsync(TestWorld world)
    {
        var reseller = await world.CreateOrganizationAsync($"Reseller {TestWorld.UniqueSlug("r")}", OrganizationKind.Partner);
        var resellerAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, resellerAdmin, OrganizationRole.Admin);
        var assigned = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, assigned, OrganizationRole.Member);
        var unassigned = await world.CreateUserAsync();
        await world.AddMemberAsync(reseller, unassigned, OrganizationRole.Member);

        var client = await world.CreateOrganizationAsync("Client Dental", reseller: reseller);
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(client, owner, OrganizationRole.Owner);
        var clientAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(client, clientAdmin, OrganizationRole.Admin);
        await world.InTenantAsync(reseller, async db =>
        {
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { UserId = assigned.Id, ClientId = client.Id, CreatedAt = DateTime.UtcNow, AssignedByUserId = resellerAdmin.Id });
            return await db.SaveChangesAsync();
        });

        var otherReseller = await world.CreateOrganizationAsync("Other Reseller", OrganizationKind.Partner);
        var otherAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(otherReseller, otherAdmin, OrganizationRole.Admin);
        var otherClient = await world.CreateOrganizationAsync("Other Client", reseller: otherReseller);
        return new ImpersonationWorld(reseller, resellerAdmin, assigned, unassigned, client, owner, clientAdmin, otherReseller, otherAdmin, otherClient);
    }
}

/// <summary>One browser: a cookie jar shared by the tabs it opens on each host, as Chromium keeps host-only cookies.</summary>
public sealed class Browser(PortalFactory factory)
{
    public CookieContainer Jar { get; } = new();

    public PortalClient On(string host) => factory.ClientFor(host, Jar);

    public async Task<PortalClient> SignedInAsync(string host, PortalUser user)
    {
        var client = On(host);
        var response = await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The tab's session on its host is over: an organization page asks to sign in.</summary>
    public static async Task AssertSignedOutAsync(PortalClient client)
    {
        var response = await client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Posts "Log in" on the reseller's host; returns the response (a redirect to the client's hand-over on success).</summary>
    public static Task<HttpResponseMessage> ClickLogInAsync(PortalClient onReseller, Guid clientId, string reason = "") =>
        onReseller.PostFormAsync($"/clients/{clientId}/log-in", new Dictionary<string, string> { ["Reason"] = reason });

    /// <summary>Logs in as the client from a signed-in reseller tab; returns the tab on the client's host, signed in as impersonator.</summary>
    public async Task<PortalClient> ImpersonateAsync(PortalClient onReseller, TestOrganization client, string reason = "")
    {
        var handOver = await ClickLogInAsync(onReseller, client.Id, reason);
        Assert.Equal(HttpStatusCode.Redirect, handOver.StatusCode);
        var location = handOver.Headers.Location!;
        Assert.Equal(client.Host, location.Host);
        var onClient = On(client.Host);
        var landed = await onClient.GetAsync(location.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/dashboard", landed.Headers.Location!.OriginalString);
        return onClient;
    }
}

/// <summary>A portal whose clock the test moves (idle and absolute timeouts).</summary>
public sealed class ClockedPortalFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
