using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// T2: custom domains verified against a real DNS server (dnsmasq on loopback), routed once
/// verified, re-checked, and answered to Caddy's on-demand TLS check. Nothing is trusted without DNS here.
/// </summary>
public sealed class CustomDomainsShould(DnsPortalFactory factory) : PortalTest<DnsPortalFactory>(factory)
{
    private const string Target = PortalFactory.PlatformDomain;

    [Fact]
    public async Task VerifyADomainWhoseRecordsAreRightThenRouteIt()
    {
        var (org, owner, client) = await SignedInOwnerAsync("Right Records Co");
        var domain = NewDomain();
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(domain).GetAsync("/account/signin")).StatusCode);

        var token = await AddAsync(client, domain);
        var (_, page) = await client.GetPageAsync("/settings/domains");
        var records = RecordsOn(page, domain);
        Assert.Contains(("CNAME", domain, Target), records);
        Assert.Contains(("TXT", $"_portal-verify.{domain}", token), records);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(domain).GetAsync("/account/signin")).StatusCode); // not verified: not routed

        Factory.Dns.SetCname(domain, Target).SetTxt($"_portal-verify.{domain}", token).Apply();
        var verify = await VerifyAsync(client, domain);
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Contains("is verified", Uri.UnescapeDataString(verify.Headers.Location!.ToString()));

        // Verified, not primary: it routes to the organization by redirecting to the primary host.
        var onDomain = await Factory.ClientFor(domain).GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.Redirect, onDomain.StatusCode);
        Assert.Equal($"http://{org.Host}/account/signin", onDomain.Headers.Location!.ToString());

        // Primary: it serves the organization, and the old host keeps working as a redirect.
        var domainId = await DomainIdAsync(domain);
        var primary = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = domainId.ToString() }, "/settings/domains?handler=Primary");
        Assert.Equal(HttpStatusCode.Redirect, primary.StatusCode);
        Assert.StartsWith($"http://{domain}/settings/domains", primary.Headers.Location!.ToString());
        var (served, signIn) = await Factory.ClientFor(domain).GetPageAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("Right Records Co", signIn.QuerySelector("header .brand")!.TextContent.Trim());
        var old = await Factory.ClientFor(org.Host).GetAsync("/dashboard?x=1");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal($"http://{domain}/dashboard?x=1", old.Headers.Location!.ToString());

        var actions = await AuditAsync(org);
        Assert.Contains(("domain.added", domain), actions);
        Assert.Contains(("domain.verified", domain), actions);
        Assert.Contains(actions, a => a.Action == "domain.primary_changed" && a.Detail!.EndsWith(domain, StringComparison.Ordinal));
        Assert.All(actions, a => Assert.NotNull(a.Detail));
        _ = owner;
    }

    [Fact]
    public async Task RefuseAWrongTokenWithAClearMessage()
    {
        var (_, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        var token = await AddAsync(client, domain);
        Factory.Dns.SetCname(domain, Target).SetTxt($"_portal-verify.{domain}", "not-the-token").Apply();

        var (response, alert) = await VerifyFailsAsync(client, domain);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"The TXT record at _portal-verify.{domain} does not hold this domain's verification token. Set its value to {token}.", alert);
        await AssertNotVerifiedAsync(domain);
    }

    [Fact]
    public async Task ExplainAMissingTxtRecord()
    {
        var (_, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        var token = await AddAsync(client, domain);
        Factory.Dns.SetCname(domain, Target).Apply();

        var (_, alert) = await VerifyFailsAsync(client, domain);
        Assert.Contains($"No TXT record found at _portal-verify.{domain}. Create a TXT record there with the value {token}.", alert);
        Assert.DoesNotContain("CNAME", alert);
        await AssertNotVerifiedAsync(domain);
    }

    [Fact]
    public async Task ExplainAMissingCname()
    {
        var (_, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        var token = await AddAsync(client, domain);
        Factory.Dns.SetTxt($"_portal-verify.{domain}", token).Apply();

        var (_, alert) = await VerifyFailsAsync(client, domain);
        Assert.Contains($"{domain} has no CNAME record. Create a CNAME record for {domain} with the value {Target}.", alert);
        Assert.DoesNotContain("TXT record", alert);
        await AssertNotVerifiedAsync(domain);
    }

    [Fact]
    public async Task ExplainACnameThatPointsElsewhere()
    {
        var (_, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        var token = await AddAsync(client, domain);
        Factory.Dns.SetCname(domain, "elsewhere.test").SetTxt($"_portal-verify.{domain}", token).Apply();

        var (_, alert) = await VerifyFailsAsync(client, domain);
        Assert.Contains($"{domain} points to elsewhere.test, not to {Target}.", alert);
        await AssertNotVerifiedAsync(domain);
    }

    [Fact]
    public async Task FollowACnameChainThroughTheResellersDomain()
    {
        var (_, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        var hop = NewDomain();
        var token = await AddAsync(client, domain);
        Factory.Dns.SetCname(domain, hop).SetCname(hop, Target).SetTxt($"_portal-verify.{domain}", token).Apply();

        Assert.Equal(HttpStatusCode.Redirect, (await VerifyAsync(client, domain)).StatusCode);
        Assert.NotNull(await World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).Select(d => d.VerifiedAt).SingleAsync()));
    }

    public static TheoryData<string, string> BadDomains => new()
    {
        { "", "Enter a domain" },                                            // nothing typed
        { "10.1.2.3", "not an IP address" },                                  // IPv4
        { "[2001:db8::1]", "not an IP address" },                             // IPv6
        { PortalFactory.PlatformDomain, "belongs to the platform" },          // the platform itself
        { $"acme.{PortalFactory.PlatformDomain}", "belongs to the platform" }, // a platform subdomain
        { "https://shop.example.test/", "without https://" },                 // a URL, not a domain
        { "shop.example.test:8443", "without a port" },                       // a port
        { "bad_name!.example.test", "is not a valid domain name" },           // odd characters
        { "intranet", "full domain name" },                                   // one label
    };

    [Theory]
    [MemberData(nameof(BadDomains))]
    public async Task RefuseABadDomainOnTheSamePageKeepingWhatWasTyped(string typed, string message)
    {
        var (org, _, client) = await SignedInOwnerAsync();
        var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = typed }, "/settings/domains");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(typed, page.QuerySelector<IHtmlInputElement>("input[name=Domain]")!.Value);
        Assert.False(await World.GlobalAsync(db => db.OrganizationDomains.AnyAsync(d => d.OrganizationId == org.Id)));
        Assert.DoesNotContain(await AuditAsync(org), a => a.Action.StartsWith("domain.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefuseADomainAnotherOrganizationHasWithoutNamingIt()
    {
        var verified = NewDomain();
        var pending = NewDomain();
        var other = await World.CreateOrganizationAsync("Secret Owner Inc", customDomain: verified);
        await World.GlobalAsync(async db =>
        {
            db.OrganizationDomains.Add(new OrganizationDomain { OrganizationId = other.Id, Host = pending, VerificationToken = "x", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var (org, _, client) = await SignedInOwnerAsync();

        foreach (var domain in new[] { verified, pending, verified.ToUpperInvariant() + "." })
        {
            var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = domain }, "/settings/domains");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("already used by another organization", html);
            Assert.DoesNotContain("Secret Owner", html);
        }

        Assert.False(await World.GlobalAsync(db => db.OrganizationDomains.AnyAsync(d => d.OrganizationId == org.Id)));
    }

    [Fact]
    public async Task LetAResellersClientUseASubdomainOfTheResellersDomainButNotAStranger()
    {
        var resellerDomain = NewDomain();
        var reseller = await World.CreateOrganizationAsync("Reseller", OrganizationKind.Partner, customDomain: resellerDomain);
        var clientOrg = await World.CreateOrganizationAsync("Client One", reseller: reseller);
        await Billing.BillingWorld.SubscribeAsync(World, clientOrg, PartnerPortal.Billing.Plan.Seeded.ProId);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(clientOrg, owner, OrganizationRole.Owner);
        using var client = Factory.ClientFor(clientOrg.Host);
        await client.SignInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = $"client1.{resellerDomain}" }, "/settings/domains")).StatusCode);

        var (stranger, _, strangerClient) = await SignedInOwnerAsync();
        var refused = await strangerClient.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = $"client2.{resellerDomain}" }, "/settings/domains");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"is under {resellerDomain}, which another organization uses", await refused.Content.ReadAsStringAsync());
        Assert.False(await World.GlobalAsync(db => db.OrganizationDomains.AnyAsync(d => d.OrganizationId == stranger.Id)));
    }

    [Fact]
    public async Task RemoveThePrimaryDomainAndFallBackToThePlatformSubdomain()
    {
        var domain = NewDomain();
        var org = await World.CreateOrganizationAsync("Moving Back Co", customDomain: domain);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(org, owner, OrganizationRole.Owner);
        using var client = Factory.ClientFor(domain);
        await client.SignInAsync(owner.Email!);

        var removed = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = (await DomainIdAsync(domain)).ToString() }, "/settings/domains?handler=Remove");
        var platformHost = Factory.HostOf(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Slug).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.StartsWith($"http://{platformHost}/settings/domains", removed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(domain).GetAsync("/account/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFor(platformHost).GetAsync("/account/signin")).StatusCode);
        Assert.Null(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.PrimaryHost).SingleAsync()));
        var actions = await AuditAsync(org);
        Assert.Contains(("domain.removed", domain), actions);
        Assert.Contains(actions, a => a.Action == "domain.primary_changed");
    }

    [Fact]
    public async Task RefuseAnUnverifiedDomainAsPrimary()
    {
        var (org, _, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        await AddAsync(client, domain);
        var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = (await DomainIdAsync(domain)).ToString() }, "/settings/domains?handler=Primary");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is not verified yet", await response.Content.ReadAsStringAsync());
        Assert.Null(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.PrimaryHost).SingleAsync()));
    }

    [Fact]
    public async Task KeepThePrimaryAddressWhenTheChoiceIsNotAnId()
    {
        var domain = NewDomain();
        var org = await World.CreateOrganizationAsync(customDomain: domain);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(org, owner, OrganizationRole.Owner);
        using var client = Factory.ClientFor(domain);
        await client.SignInAsync(owner.Email!);

        var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = "not-a-guid" }, "/settings/domains?handler=Primary");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose one of the listed addresses.", await response.Content.ReadAsStringAsync());
        Assert.Equal(domain, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.PrimaryHost).SingleAsync()));
    }

    [Fact]
    public async Task ChangeNothingWhenHandlersGetAnotherOrganizationsDomainIds()
    {
        var theirVerified = NewDomain();
        var theirPending = NewDomain();
        var theirs = await World.CreateOrganizationAsync("Theirs", customDomain: theirVerified);
        var pendingToken = Guid.NewGuid().ToString("N");
        await World.GlobalAsync(async db =>
        {
            db.OrganizationDomains.Add(new OrganizationDomain { OrganizationId = theirs.Id, Host = theirPending, VerificationToken = pendingToken, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        // Their pending domain's DNS is right: only the ownership check can stop a verification.
        Factory.Dns.SetCname(theirPending, Target).SetTxt($"_portal-verify.{theirPending}", pendingToken).Apply();
        var (mine, _, client) = await SignedInOwnerAsync();
        var verifiedId = await DomainIdAsync(theirVerified);
        var pendingId = await DomainIdAsync(theirPending);

        foreach (var (handler, id) in new[] { ("Verify", pendingId), ("Primary", verifiedId), ("Remove", verifiedId), ("Remove", pendingId) })
        {
            var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = id.ToString() }, $"/settings/domains?handler={handler}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("not on this organization's list", (await PortalClient.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent);
        }

        var domains = await World.GlobalAsync(db => db.OrganizationDomains.AsNoTracking().Where(d => d.OrganizationId == theirs.Id).ToListAsync());
        Assert.Equal(2, domains.Count);
        Assert.Null(domains.Single(d => d.Host == theirPending).VerifiedAt);
        Assert.Equal(theirVerified, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == theirs.Id).Select(o => o.PrimaryHost).SingleAsync()));
        Assert.Null(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == mine.Id).Select(o => o.PrimaryHost).SingleAsync()));
        Assert.Empty(await AuditAsync(theirs));

        // And the page lists only this organization's domains.
        var html = await (await client.GetAsync("/settings/domains")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(theirVerified, html);
        Assert.DoesNotContain(theirPending, html);
    }

    [Fact]
    public async Task WarnTheOwnersOnceWhenAVerifiedDomainStopsPointingHere()
    {
        var domain = NewDomain();
        var org = await World.CreateOrganizationAsync("Drifting Co", customDomain: domain);
        var owner = await World.CreateUserAsync();
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(org, owner, OrganizationRole.Owner);
        await World.AddMemberAsync(org, admin, OrganizationRole.Admin);
        var token = await World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).Select(d => d.VerificationToken).SingleAsync());
        Factory.Dns.SetCname(domain, Target).SetTxt($"_portal-verify.{domain}", token).Apply();
        await RecheckAsync();
        var healthy = await DomainAsync(domain);
        Assert.Null(healthy.DnsProblem);
        Assert.NotNull(healthy.LastCheckedAt);

        Factory.Dns.Remove(domain).Apply();
        // Two passes at once (two instances), then a third: one warning.
        await Task.WhenAll(RecheckAsync(), RecheckAsync());
        await RecheckAsync();

        var message = await Factory.Smtp.WaitForMessageAsync(owner.Email!, m => m.Subject?.Contains(domain, StringComparison.Ordinal) == true);
        Assert.Equal($"{domain} no longer points to Drifting Co", message.Subject);
        Assert.Contains($"{domain} has no CNAME record", message.TextBody);
        Assert.Contains($"http://{domain}/settings/domains", message.TextBody);
        await Task.Delay(1000);
        Assert.Single(Factory.Smtp.Messages(), m => m.Subject?.Contains(domain, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == admin.Email));
        var failing = await DomainAsync(domain);
        Assert.Contains("has no CNAME record", failing.DnsProblem);
        Assert.NotNull(failing.DnsWarningSentAt);
        Assert.NotNull(failing.VerifiedAt); // it still routes while the owners fix it
        Assert.Single(await AuditAsync(org), a => a.Action == "domain.dns_warning");

        // Fixed: the problem clears, so a later break warns again.
        Factory.Dns.SetCname(domain, Target).Apply();
        await RecheckAsync();
        var fixedAgain = await DomainAsync(domain);
        Assert.Null(fixedAgain.DnsProblem);
        Assert.Null(fixedAgain.DnsWarningSentAt);
    }

    [Fact]
    public async Task AnswerCaddysAskOnlyForHostsThePortalServes()
    {
        var verified = NewDomain();
        var org = await World.CreateOrganizationAsync(customDomain: verified);
        var slug = await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Slug).SingleAsync());
        var pending = NewDomain();
        await World.GlobalAsync(async db =>
        {
            db.OrganizationDomains.Add(new OrganizationDomain { OrganizationId = org.Id, Host = pending, VerificationToken = "x", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);

        async Task<HttpStatusCode> Ask(string domain) => (await platform.GetAsync($"/_domains/allowed?domain={Uri.EscapeDataString(domain)}")).StatusCode;
        Assert.Equal(HttpStatusCode.OK, await Ask(verified));
        Assert.Equal(HttpStatusCode.OK, await Ask(verified.ToUpperInvariant() + "."));
        Assert.Equal(HttpStatusCode.OK, await Ask(PortalFactory.PlatformDomain));
        Assert.Equal(HttpStatusCode.OK, await Ask(Factory.HostOf(slug)));
        Assert.Equal(HttpStatusCode.NotFound, await Ask(pending));
        Assert.Equal(HttpStatusCode.NotFound, await Ask(NewDomain()));
        Assert.Equal(HttpStatusCode.NotFound, await Ask(Factory.HostOf("no-such-slug")));
        Assert.Equal(HttpStatusCode.NotFound, await Ask("10.0.0.1"));
        Assert.Equal(HttpStatusCode.NotFound, await Ask(""));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync("/_domains/allowed")).StatusCode);

        // Only the platform host answers it.
        using var onTenant = Factory.ClientFor(verified);
        Assert.Equal(HttpStatusCode.NotFound, (await onTenant.GetAsync($"/_domains/allowed?domain={verified}")).StatusCode);
    }

    private static string NewDomain() => $"{TestWorld.UniqueSlug("shop")}.customer.test";

    private async Task<(TestOrganization Org, PartnerPortal.Accounts.PortalUser Owner, PortalClient Client)> SignedInOwnerAsync(string? name = null)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, name);
        await Billing.BillingWorld.SubscribeAsync(World, org, PartnerPortal.Billing.Plan.Seeded.ProId); // a plan with custom domains (R7)
        var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        return (org, owner, client);
    }

    /// <summary>Adds a domain through the page and returns its verification token as the page shows it.</summary>
    private async Task<string> AddAsync(PortalClient client, string domain)
    {
        var response = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = domain }, "/settings/domains");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync("/settings/domains");
        return RecordsOn(page, domain).Single(r => r.Type == "TXT").Value;
    }

    private static List<(string Type, string Name, string Value)> RecordsOn(AngleSharp.Html.Dom.IHtmlDocument page, string domain) =>
        page.QuerySelectorAll($"article[data-domain='{domain}'] tr.dns-record")
            .Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(cells => (cells[0], cells[1], cells[2]))
            .ToList();

    private async Task<HttpResponseMessage> VerifyAsync(PortalClient client, string domain) =>
        await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = (await DomainIdAsync(domain)).ToString() }, "/settings/domains?handler=Verify");

    private async Task<(HttpResponseMessage Response, string Alert)> VerifyFailsAsync(PortalClient client, string domain)
    {
        var response = await VerifyAsync(client, domain);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains($"{domain} is not verified yet.", alert);
        return (response, alert);
    }

    private Task<Guid> DomainIdAsync(string domain) =>
        World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).Select(d => d.Id).SingleAsync());

    /// <summary>One re-check pass in a scope of its own, as the job runner runs it (without the lease, so two can run at once).</summary>
    private async Task RecheckAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DomainRecheck>().RunPassAsync(CancellationToken.None);
    }

    private Task<OrganizationDomain> DomainAsync(string domain) =>
        World.GlobalAsync(db => db.OrganizationDomains.AsNoTracking().SingleAsync(d => d.Host == domain));

    private async Task AssertNotVerifiedAsync(string domain)
    {
        Assert.Null((await DomainAsync(domain)).VerifiedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(domain).GetAsync("/account/signin")).StatusCode);
    }

    private Task<List<(string Action, string? Detail)>> AuditAsync(TestOrganization org) =>
        World.InTenantAsync(org, async db => (await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("domain.")).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Detail }).ToListAsync()).Select(a => (a.Action, a.Detail)).ToList());
}

/// <summary>With <c>Tenancy:TrustLocalDomains</c> (development and tests), .test and .localhost domains verify without DNS.</summary>
public sealed class TrustedLocalDomainsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Theory]
    [InlineData(".test")]
    [InlineData(".localhost")]
    public async Task VerifyALocalDomainWithoutDns(string suffix)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin, "Local Co");
        await Billing.BillingWorld.SubscribeAsync(World, org, PartnerPortal.Billing.Plan.Seeded.ProId);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var domain = $"{TestWorld.UniqueSlug("local")}.example{suffix}";
        await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = domain }, "/settings/domains");
        var id = await World.GlobalAsync(db => db.OrganizationDomains.Where(d => d.Host == domain).Select(d => d.Id).SingleAsync());

        var verified = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["domainId"] = id.ToString() }, "/settings/domains?handler=Verify");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.ClientFor(domain).GetAsync("/")).StatusCode); // routes, to the primary host
    }
}

/// <summary>The re-check runs by itself, on its interval, under its lease.</summary>
public sealed class DomainRecheckScheduleShould(DomainRecheckScheduleShould.FrequentRecheckFactory factory) : PortalTest<DomainRecheckScheduleShould.FrequentRecheckFactory>(factory)
{
    [Fact]
    public async Task WarnWithoutBeingAskedAndOnlyOnceAcrossManyPasses()
    {
        var domain = $"{TestWorld.UniqueSlug("gone")}.customer.test"; // no DNS records at all
        var org = await World.CreateOrganizationAsync("Scheduled Co", customDomain: domain);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(org, owner, OrganizationRole.Owner);

        var message = await Factory.Smtp.WaitForMessageAsync(owner.Email!, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal($"{domain} no longer points to Scheduled Co", message.Subject);
        await Task.Delay(TimeSpan.FromSeconds(2)); // several more intervals pass
        Assert.Single(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == owner.Email));
        Assert.True(await World.GlobalAsync(db => db.JobLeases.AnyAsync(l => l.Name == DomainRecheck.JobName && l.Holder != "")));
    }

    public sealed class FrequentRecheckFactory() : DnsPortalFactory(new Dictionary<string, string?> { ["Tenancy:DomainRecheckInterval"] = "00:00:00.300" });
}
