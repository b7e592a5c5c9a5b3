using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A2 with real data: lists show only this organization's rows, and handlers given another
/// organization's ids change nothing. Who may open each page is <see cref="EndpointIsolationShould"/>'s.
/// </summary>
public sealed class PageIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListOnlyThisOrganizationsMembersInvitationsAndAudit()
    {
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (theirs, them) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var theirClient = Factory.ClientFor(theirs.Host);
        await theirClient.SignInAsync(them.Email!);
        await theirClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = "secret-invitee@people.test", ["Role"] = "Member" });

        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(me.Email!);
        foreach (var path in new[] { "/settings/members", "/settings/invitations", "/settings/audit" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains(me.Email!, html);
            Assert.DoesNotContain(them.Email!, html);
            Assert.DoesNotContain("secret-invitee@people.test", html);
        }
    }

    [Fact]
    public async Task ChangeNothingWhenHandlersGetAnotherOrganizationsIds()
    {
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (theirs, them) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        var theirMembershipId = await World.InTenantAsync(theirs, db => db.Memberships.Select(m => m.Id).SingleAsync());
        var theirInvitationId = await World.InTenantAsync(theirs, async db =>
        {
            var invitation = new Invitation { Email = "pending@people.test", TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1) };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });

        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(me.Email!);
        var role = await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = theirMembershipId.ToString(), ["role"] = "Owner" }, "/settings/members?handler=Role");
        Assert.Contains("not in this organization", await role.Content.ReadAsStringAsync());
        await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = theirMembershipId.ToString() }, "/settings/members?handler=Remove");
        await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["invitationId"] = theirInvitationId.ToString() }, "/settings/invitations?handler=Revoke");

        var membership = await World.InTenantAsync(theirs, db => db.Memberships.SingleAsync());
        Assert.Equal(OrganizationRole.Member, membership.Role);
        Assert.Equal(them.Id, membership.UserId);
        Assert.Null(await World.InTenantAsync(theirs, db => db.Invitations.Where(i => i.Id == theirInvitationId).Select(i => i.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task KeepThePlatformAreaOffTenantHosts()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/platform/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/platform/organizations/create")).StatusCode);

        using var signedOut = Factory.ClientFor(PortalFactory.PlatformDomain);
        var response = await signedOut.GetAsync("/platform/organizations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
    }
}
