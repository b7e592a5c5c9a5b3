using System.Net;
using PartnerPortal.Accounts;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A signed-in person without membership: a host only lets its own people sign in (A2), so the
/// person signs in as a member and the membership then ends. The cookie stays; the access does not.
/// </summary>
public static class FormerMembers
{
    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, TestWorld world, TestOrganization organization, OrganizationRole role = OrganizationRole.Member)
    {
        var former = await world.CreateUserAsync();
        await world.AddMemberAsync(organization, former, role);
        var client = factory.ClientFor(organization.Host);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(former.Email!)).StatusCode);
        await world.EndMembershipAsync(organization, former);
        return client;
    }

    /// <summary>Asserts that <paramref name="user"/> cannot sign in on <paramref name="host"/> (no membership or partner access there).</summary>
    public static async Task RefusedSignInAsync(PortalFactory factory, string host, PortalUser user)
    {
        using var client = factory.ClientFor(host);
        Assert.NotEqual(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
    }
}
