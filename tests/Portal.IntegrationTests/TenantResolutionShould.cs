using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T1, A2: the Host header alone selects the organization.</summary>
public sealed class TenantResolutionShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ServeAnOrganizationOnItsPlatformSubdomain()
    {
        var org = await World.CreateOrganizationAsync("Acme Dental");
        using var client = Factory.ClientFor(org.Host);
        var (response, page) = await client.GetPageAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Acme Dental", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("{slug}.PORTAL.TEST")] // upper case
    [InlineData("{slug}.portal.test:8080")] // a port
    [InlineData("{slug}.portal.test.")] // trailing dot
    public async Task NormalizeTheHostBeforeLookingItUp(string pattern)
    {
        var org = await World.CreateOrganizationAsync("Normal Co");
        using var client = Factory.ClientFor(pattern.Replace("{slug}", org.Slug));
        var (response, page) = await client.GetPageAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Normal Co", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task ServeAVerifiedCustomDomainAndSendOtherHostsThere()
    {
        var domain = $"{TestWorld.UniqueSlug("book")}.example.test";
        var org = await World.CreateOrganizationAsync("Custom Co", customDomain: domain);

        using var onDomain = Factory.ClientFor(domain);
        Assert.Equal(HttpStatusCode.OK, (await onDomain.GetAsync("/account/signin")).StatusCode);

        using var onSubdomain = Factory.ClientFor(Factory.HostOf(org.Slug));
        var redirect = await onSubdomain.GetAsync("/account/signin?returnUrl=%2Fsettings");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal($"http://{domain}/account/signin?returnUrl=%2Fsettings", redirect.Headers.Location!.ToString());
    }

    [Fact]
    public async Task IgnoreAnUnverifiedCustomDomain()
    {
        var org = await World.CreateOrganizationAsync("Pending Co");
        var domain = $"{TestWorld.UniqueSlug("pending")}.example.test";
        await AddUnverifiedDomainAsync(org, domain);

        using var client = Factory.ClientFor(domain);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("nobody.portal.test")] // a slug that does not exist
    [InlineData("deep.acme.portal.test")] // two labels below the platform domain
    [InlineData("unknown.example")] // a domain nobody registered
    [InlineData("portal.test.evil.example")] // the platform domain as a prefix
    public async Task AnswerUnknownHostsWithAPlain404ThatNamesNobody(string host)
    {
        await World.CreateOrganizationAsync("Visible Name Inc");
        using var client = Factory.ClientFor(host);
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Not found.", body);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task ServeThePlatformSiteOnThePlatformHost()
    {
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        var (response, page) = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cloudbase", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("127.0.0.1")] // IPv4 literal
    [InlineData("[::1]:80")] // IPv6 literal
    // CR/LF cannot even be sent through the in-process server: OperationsShould sends it to Kestrel over a socket.
    [InlineData("bad_host!.portal.test")] // characters no host has
    public async Task RejectHostileHostHeadersWithoutAStackTrace(string host)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/";
            c.Request.Host = new HostString(host);
        });
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
    }

    [Fact]
    public async Task RejectAVeryLongHostHeader()
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/";
            c.Request.Host = new HostString(new string('a', 5000) + ".portal.test");
        });
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task NotTouchTheDatabaseForAWarmLookup()
    {
        var org = await World.CreateOrganizationAsync("Warm Co");
        using var client = Factory.ClientFor(org.Host);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode); // cold: looks the host up

        // Only lookups count: the outbox dispatcher polls its own table meanwhile.
        var before = Factory.Commands.CountTouching("\"Organization");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(before, Factory.Commands.CountTouching("\"Organization"));
        Assert.True(before > 0, "The cold request should have looked the host up in the database.");

        using var unknown = Factory.ClientFor("never-registered.portal.test");
        await unknown.GetAsync("/"); // a miss is cached too
        before = Factory.Commands.CountTouching("\"Organization");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync("/")).StatusCode);
        Assert.Equal(before, Factory.Commands.CountTouching("\"Organization"));
    }

    [Fact]
    public async Task SeeARenamedSlugOnTheNextRequest()
    {
        var org = await World.CreateOrganizationAsync("Renamed Co");
        using var oldHost = Factory.ClientFor(org.Host);
        Assert.Equal(HttpStatusCode.OK, (await oldHost.GetAsync("/")).StatusCode); // cached now

        var newSlug = TestWorld.UniqueSlug("renamed");
        using var newHost = Factory.ClientFor(Factory.HostOf(newSlug));
        Assert.Equal(HttpStatusCode.NotFound, (await newHost.GetAsync("/")).StatusCode); // a cached miss

        await World.GlobalAsync(async db =>
        {
            var row = await db.Organizations.SingleAsync(o => o.Id == org.Id);
            row.Slug = newSlug;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await oldHost.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newHost.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SeeANewlyVerifiedDomainOnTheNextRequest()
    {
        var org = await World.CreateOrganizationAsync("Domain Co");
        var domain = $"{TestWorld.UniqueSlug("new")}.example.test";
        using var client = Factory.ClientFor(domain);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);

        await World.GlobalAsync(async db =>
        {
            db.OrganizationDomains.Add(new PartnerPortal.Accounts.OrganizationDomain { OrganizationId = org.Id, Host = domain, VerificationToken = "x", CreatedAt = DateTime.UtcNow, VerifiedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        // Verified but not primary: it routes, and redirects to the primary host.
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"http://{org.Host}/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SeeASlugRenamedByExecuteUpdateOnTheNextRequest()
    {
        var org = await World.CreateOrganizationAsync("Bulk Renamed Co");
        using var oldHost = Factory.ClientFor(org.Host);
        Assert.Equal(HttpStatusCode.OK, (await oldHost.GetAsync("/")).StatusCode); // cached now
        var newSlug = TestWorld.UniqueSlug("bulk");
        using var newHost = Factory.ClientFor(Factory.HostOf(newSlug));
        Assert.Equal(HttpStatusCode.NotFound, (await newHost.GetAsync("/")).StatusCode); // a cached miss

        // No tracked entity says anything changed: the statement itself evicts.
        await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Slug, newSlug)));

        Assert.Equal(HttpStatusCode.NotFound, (await oldHost.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newHost.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SeeADomainVerifiedOrDeletedByABulkWriteOnTheNextRequest()
    {
        var org = await World.CreateOrganizationAsync("Bulk Domain Co");
        var domain = $"{TestWorld.UniqueSlug("bulk")}.example.test";
        await AddUnverifiedDomainAsync(org, domain);
        using var client = Factory.ClientFor(domain);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode); // unverified: a cached miss

        await World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).ExecuteUpdateAsync(s => s.SetProperty(d => d.VerifiedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/")).StatusCode); // routes, to the primary host

        await World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task RefuseASynchronousWriteToOrganizationsAndChangeNothing()
    {
        var org = await World.CreateOrganizationAsync("Sync Co");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerPortal.Data.PortalDbContext>();

        // The cache can only be evicted asynchronously; a write that would leave it stale is refused before it runs.
        (await db.Organizations.SingleAsync(o => o.Id == org.Id)).Name = "Renamed in sync";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Throws<InvalidOperationException>(() => db.Organizations.Where(o => o.Id == org.Id).ExecuteUpdate(s => s.SetProperty(o => o.Name, "Renamed in bulk")));

        Assert.Equal("Sync Co", await World.GlobalAsync(d => d.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
        // EF logs the refused statement as a failed command: that error is this test's point.
        Assert.Contains(Factory.Logs.Errors, e => e.Contains("evicted asynchronously", StringComparison.Ordinal));
        ExpectLoggedErrors();
    }

    private Task AddUnverifiedDomainAsync(TestOrganization org, string domain) =>
        World.GlobalAsync(async db =>
        {
            db.OrganizationDomains.Add(new PartnerPortal.Accounts.OrganizationDomain { OrganizationId = org.Id, Host = domain, VerificationToken = "x", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
}
