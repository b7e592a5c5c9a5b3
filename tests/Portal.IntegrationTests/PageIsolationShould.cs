using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A2: every organization page, from its own host, another tenant's host, an unknown host,
/// signed out, signed in without membership, and with too low a role.
/// </summary>
public sealed class PageIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    public static TheoryData<string, OrganizationRole> OrganizationPages => new()
    {
        { "/dashboard", OrganizationRole.Member },
        { "/settings", OrganizationRole.Admin },
        { "/settings/members", OrganizationRole.Admin },
        { "/settings/invitations", OrganizationRole.Admin },
        { "/settings/domains", OrganizationRole.Admin },
        { "/settings/plan", OrganizationRole.Admin },
        { "/settings/email", OrganizationRole.Admin },
        { "/settings/branding", OrganizationRole.Admin },
        { "/settings/theme", OrganizationRole.Admin },
        { "/settings/theme?preview=bold", OrganizationRole.Admin },
        { "/settings/audit", OrganizationRole.Owner },
    };

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task OpenForAMemberWithTheRoleOnTheirOwnHost(string path, OrganizationRole role)
    {
        var (org, user) = await World.OrganizationWithMemberAsync(role, "Own Host Co");
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(user.Email!);
        var (response, page) = await client.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Own Host Co", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task SendSignedOutVisitorsToSignIn(string path, OrganizationRole role)
    {
        _ = role;
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/signin?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task RefuseASignedInUserWithoutMembership(string path, OrganizationRole role)
    {
        _ = role;
        var org = await World.CreateOrganizationAsync("Members Only");
        var outsider = await World.CreateUserAsync();
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(outsider.Email!);
        var (response, page) = await client.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("No access", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task RefuseAMemberWhoseRoleIsTooLow(string path, OrganizationRole role)
    {
        if (role == OrganizationRole.Member) return; // every member may open it
        var (org, user) = await World.OrganizationWithMemberAsync(role - 1);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task NotCarryASessionToAnotherTenantsHost(string path, OrganizationRole role)
    {
        var (home, user) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var other = await World.CreateOrganizationAsync();
        await World.AddMemberAsync(other, await World.CreateUserAsync(), role);
        using var onHome = Factory.ClientFor(home.Host);
        await onHome.SignInAsync(user.Email!);
        var cookie = onHome.Jar.GetCookies(new Uri($"http://{home.Host}/"))[".portal.session"]!;

        using var onOther = Factory.ClientFor(other.Host);
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        var response = await onOther.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task NotExistOnAnUnknownHost(string path, OrganizationRole role)
    {
        _ = role;
        using var client = Factory.ClientFor("no-such-org.portal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrganizationPages))]
    public async Task NotExistOnThePlatformHost(string path, OrganizationRole role)
    {
        _ = role;
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        await client.SignInAsync(admin.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

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
