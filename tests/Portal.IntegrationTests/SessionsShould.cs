using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Pages.Account;

namespace PartnerPortal.IntegrationTests;

/// <summary>A1, A2: sign-in per host, sessions bound to their tenant, lockout and audit.</summary>
public sealed class SessionsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task SignAMemberInOnTheirOrganizationsHost()
    {
        var (org, user) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        var response = await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);

        var (dashboard, page) = await client.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.NotNull(page.QuerySelector("main #home-apps")); // the organization's home: their apps first
    }

    [Fact]
    public async Task IssueAHostOnlyCookie()
    {
        var (org, user) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.SignInAsync(user.Email!);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".portal.session=", StringComparison.Ordinal));
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RejectASessionCookieOnAnotherTenantsHost()
    {
        // The same person is a member of both organizations, so only the tenant binding can refuse the cookie.
        var (first, user) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var second = await World.CreateOrganizationAsync();
        await World.AddMemberAsync(second, user, OrganizationRole.Owner);

        using var onFirst = Factory.ClientFor(first.Host);
        await onFirst.SignInAsync(user.Email!);
        var sessionCookie = onFirst.Jar.GetCookies(new Uri($"http://{first.Host}/"))[".portal.session"]!;

        using var onSecond = Factory.ClientFor(second.Host);
        var stolen = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        stolen.Headers.Add("Cookie", $"{sessionCookie.Name}={sessionCookie.Value}");
        var response = await onSecond.Http.SendAsync(stolen);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);

        // And on the platform host the same cookie is no platform session either.
        using var onPlatform = Factory.ClientFor(PortalFactory.PlatformDomain);
        var platformRequest = new HttpRequestMessage(HttpMethod.Get, "/platform/organizations");
        platformRequest.Headers.Add("Cookie", $"{sessionCookie.Name}={sessionCookie.Value}");
        Assert.Equal(HttpStatusCode.Redirect, (await onPlatform.Http.SendAsync(platformRequest)).StatusCode);
    }

    [Fact]
    public async Task KeepOneSessionPerHostInOneCookieJar()
    {
        var (first, user) = await World.OrganizationWithMemberAsync(OrganizationRole.Member, "First Co");
        var second = await World.CreateOrganizationAsync("Second Co");
        await World.AddMemberAsync(second, user, OrganizationRole.Member);
        var jar = new CookieContainer();
        using var onFirst = Factory.ClientFor(first.Host, jar);
        using var onSecond = Factory.ClientFor(second.Host, jar);

        await onFirst.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.GetAsync("/dashboard")).StatusCode); // not signed in there yet
        await onSecond.SignInAsync(user.Email!);

        await onFirst.PostFormAsync("/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.GetAsync("/dashboard")).StatusCode);
        var (stillIn, page) = await onSecond.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal("Second Co", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task ShowNoAccessToASignedInUserWithoutMembership()
    {
        // Sign-in is refused to people the host does not serve (A6), so the membership ends after signing in.
        var (org, outsider) = await World.OrganizationWithMemberAsync(OrganizationRole.Member, "Closed Club");
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(outsider.Email!);
        await World.EndMembershipAsync(org, outsider);

        var (response, page) = await client.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("No access", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Closed Club", page.QuerySelector("header .brand")!.TextContent.Trim());
        Assert.Contains(outsider.Email!, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task SayWhatWentWrongOnTheSamePageAndKeepTheEmail()
    {
        var (org, user) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.SignInAsync(user.Email!, "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(SignInModel.FailedMessage, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(user.Email, page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task RequireBothFieldsWithMessagesBesideThem()
    {
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.PostFormAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = "not-an-email", ["Input.Password"] = "" });
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Enter a valid e-mail address.", page.QuerySelector("#email-error")!.TextContent.Trim());
        Assert.Equal("Enter your password.", page.QuerySelector("#password-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task LockAnAccountAfterRepeatedFailuresAndAuditIt()
    {
        var (org, user) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        for (var i = 0; i < 4; i++) await client.SignInAsync(user.Email!, "Wrong-password-1");
        var fifth = await PortalClient.ParseAsync(await client.SignInAsync(user.Email!, "Wrong-password-1"));
        Assert.Equal(SignInModel.LockedMessage, fifth.QuerySelector("[role=alert]")!.TextContent.Trim());

        // Even the right password does not open a locked account.
        var right = await PortalClient.ParseAsync(await client.SignInAsync(user.Email!));
        Assert.Equal(SignInModel.LockedMessage, right.QuerySelector("[role=alert]")!.TextContent.Trim());

        var actions = await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.UserId == user.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == "signin.failed"));
        Assert.Equal(2, actions.Count(a => a == "signin.locked_out"));
    }

    [Fact]
    public async Task AuditSuccessfulSignInsWithTheAddress()
    {
        var (org, user) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(user.Email!);
        var entry = await World.InTenantAsync(org, db => db.AuditEntries.SingleAsync(a => a.Action == "signin.succeeded"));
        Assert.Equal(user.Email, entry.UserEmail);
        Assert.Equal(user.Id, entry.UserId);
    }

    [Fact]
    public async Task LetOnlyPlatformAdminsSignInOnThePlatformHost()
    {
        var (_, owner) = await World.OrganizationWithMemberAsync();
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);

        var refused = await PortalClient.ParseAsync(await platform.SignInAsync(owner.Email!));
        Assert.Equal(SignInModel.FailedMessage, refused.QuerySelector("[role=alert]")!.TextContent.Trim());

        var accepted = await platform.SignInAsync(admin.Email!);
        Assert.Equal("/platform/organizations", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/platform/organizations")).StatusCode);
    }

    [Fact]
    public async Task RefuseAPostWithoutAnAntiforgeryToken()
    {
        var (org, user) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        var response = await client.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestWorld.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(client.Jar.GetCookies(new Uri($"http://{org.Host}/"))[".portal.session"]);
    }
}

/// <summary>Sign-in and reset are rate limited per client and host.</summary>
public sealed class RateLimitShould(RateLimitShould.TightFactory factory) : PortalTest<RateLimitShould.TightFactory>(factory)
{
    public sealed class TightFactory() : PortalFactory(new Dictionary<string, string?> { ["RateLimits:Credentials:PermitLimit"] = "3" });

    [Fact]
    public async Task RefuseTooManySignInAttempts()
    {
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("nobody@people.test", "Wrong-password-1")).StatusCode);
        }

        var limited = await client.SignInAsync("nobody@people.test", "Wrong-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());

        // Reading the page is not limited, and another organization's host has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
        var other = await World.CreateOrganizationAsync();
        using var otherClient = Factory.ClientFor(other.Host);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.SignInAsync("nobody@people.test", "Wrong-password-1")).StatusCode);
    }
}
