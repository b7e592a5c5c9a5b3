using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.IntegrationTests.Impersonation;

/// <summary>R5, A1, T4: log in as client from the reseller's host to the client's own host, and what the session may do.</summary>
public sealed class LogInAsClientShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task LandTheResellerInTheClientAccountWithTheBannerAndAuditTheStartInBothOrganizations()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onReseller = await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var onClient = await browser.ImpersonateAsync(onReseller, world.Client, "Set up the booking page");

        var (response, page) = await onClient.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var banner = page.QuerySelector("aside.impersonation-banner")!;
        Assert.Contains($"Logged in as reseller {world.Reseller.Name}", banner.TextContent.Replace("\n", " ").Replace("  ", " "));
        // The idle timeout comes first: 30 minutes from now, renewed by every request.
        Assert.Matches(@"\b(29|30) min left", banner.TextContent);
        Assert.NotNull(banner.QuerySelector("form[action='/_impersonation?handler=back'] input[name=__RequestVerificationToken]"));
        Assert.NotNull(banner.QuerySelector("form[action='/_impersonation?handler=end']"));
        var nonce = page.QuerySelector("script")!.GetAttribute("nonce");
        Assert.Contains($"'nonce-{nonce}'", response.Headers.GetValues("Content-Security-Policy").Single());

        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal((world.Reseller.Id, world.ResellerAdmin.Id, "Set up the booking page", (DateTime?)null), (session.ResellerId, session.UserId, session.Reason, session.EndedAt));
        var started = await World.InTenantAsync(world.Client, db => db.AuditEntries.SingleAsync(a => a.Action == "impersonation.started"));
        Assert.Equal((world.ResellerAdmin.Email, world.ResellerAdmin.Email), (started.UserEmail, started.ActingUserEmail));
        Assert.Contains("Set up the booking page", started.Detail);
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "impersonation.started" && a.Detail!.Contains("Client Dental"))));
        // Only a hash of the token is stored.
        var ticket = await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).SingleAsync(t => t.ClientId == world.Client.Id));
        Assert.Equal(64, ticket.TokenHash.Length);
        Assert.NotNull(ticket.ConsumedAt);
        Assert.True(ticket.ExpiresAt - ticket.CreatedAt <= TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("ledger")]
    [InlineData("bold")] // no layout of its own: the default one, banner included
    public async Task ShowTheBannerInEveryTheme(string theme)
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        await World.GlobalAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == world.Client.Id);
            org.Branding.Theme = theme;
            return await db.SaveChangesAsync();
        });
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        var (_, page) = await onClient.GetPageAsync("/settings");
        Assert.Equal(theme, page.Body!.GetAttribute("data-theme"));
        Assert.Single(page.QuerySelectorAll("aside.impersonation-banner"));
        Assert.Null(page.QuerySelector("nav.subnav a[href='/settings/access']"));
    }

    [Fact]
    public async Task CheckTheSessionWithOneQueryPerRequest()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);

        var before = Factory.Commands.CountTouching("Resellers_ImpersonationSessions");
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);
        // The session row and the partner link in one SELECT; last-seen is written at most once a minute.
        Assert.Equal(1, Factory.Commands.CountTouching("Resellers_ImpersonationSessions") - before);
    }

    [Fact]
    public async Task ForgetTicketsExpiredForADayWhenIssuingANewOne()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var old = new ImpersonationTicket { TokenHash = new string('a', 64), UserId = world.ResellerAdmin.Id, ClientId = world.Client.Id, Host = world.Client.Host, CreatedAt = DateTime.UtcNow.AddDays(-2), ExpiresAt = DateTime.UtcNow.AddDays(-2) };
        await World.InTenantAsync(world.Reseller, db => { db.Set<ImpersonationTicket>().Add(old); return db.SaveChangesAsync(); });
        await Browser.ClickLogInAsync(await new Browser(Factory).SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id);
        var left = await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).Where(t => t.ClientId == world.Client.Id).ToListAsync());
        Assert.DoesNotContain(left, t => t.Id == old.Id);
        Assert.Single(left);
    }

    [Fact]
    public async Task SignNobodyInForALockedOutResellerUser()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!;
        await World.GlobalAsync(db => db.Users.Where(u => u.Id == world.ResellerAdmin.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));
        var onClient = browser.On(world.Client.Host);
        Assert.Equal(HttpStatusCode.BadRequest, (await onClient.GetAsync(handOver.PathAndQuery)).StatusCode);
        await Browser.AssertSignedOutAsync(onClient);
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
    }

    [Fact]
    public async Task NameTheResellerUserInEveryAuditEntryMadeWhileImpersonatingAndLetItEditTheWhiteLabelSettings()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);

        var (form, page) = await onClient.GetPageAsync("/settings/branding");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotNull(page.QuerySelector("input[name='Form.PrimaryColor']"));
        Assert.Null(page.QuerySelector("#managed-title"));
        var saved = await onClient.PostMultipartAsync("/settings/branding", ClientBrandingShould.Fields("Client Dental", "#0E7C86"), new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == world.Client.Id));
        Assert.Equal("#0E7C86", org.Branding.PrimaryColor);

        var entry = await World.InTenantAsync(world.Client, db => db.AuditEntries.SingleAsync(a => a.Action == "branding.changed"));
        Assert.Equal((world.ResellerAdmin.Id, world.ResellerAdmin.Email), (entry.UserId, entry.UserEmail));
        Assert.Equal((world.ResellerAdmin.Id, world.ResellerAdmin.Email), (entry.ActingUserId, entry.ActingUserEmail));
        Assert.Contains($"by partner {world.Reseller.Name}", entry.Detail);

        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings/theme")).StatusCode);
        var (_, email) = await onClient.GetPageAsync("/settings/email");
        Assert.NotNull(email.QuerySelector("input[name=MailFromAddress]"));
    }

    [Fact]
    public async Task ShowTheWhiteLabelSettingsReadOnlyToTheClientsOwnAdmins()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var onClient = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        var (_, page) = await onClient.GetPageAsync("/settings/branding");
        Assert.NotNull(page.QuerySelector("#managed-title"));
        Assert.Null(page.QuerySelector("input[name='Form.PrimaryColor']"));
        var (_, tokenPage) = await onClient.GetPageAsync("/settings/members");
        var token = tokenPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await onClient.Http.PostAsync("/settings/branding", new FormUrlEncodedContent(new Dictionary<string, string>(ClientBrandingShould.Fields("Mine", "#000000")) { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == world.Client.Id));
        Assert.NotEqual("#000000", org.Branding.PrimaryColor);
    }

    [Fact]
    public async Task ActAsOwnerButNeverMakeOrRemoveOwners()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings/members")).StatusCode);
        var adminMembership = await World.InTenantAsync(world.Client, db => db.Memberships.SingleAsync(m => m.UserId == world.ClientAdmin.Id));
        var ownerMembership = await World.InTenantAsync(world.Client, db => db.Memberships.SingleAsync(m => m.UserId == world.ClientOwner.Id));

        var promote = await onClient.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = adminMembership.Id.ToString(), ["role"] = "Owner" }, "/settings/members?handler=Role");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, promote.StatusCode);
        var remove = await onClient.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = ownerMembership.Id.ToString() }, "/settings/members?handler=Remove");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, remove.StatusCode);
        var invite = await onClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = "new-owner@people.test", ["Role"] = "Owner" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invite.StatusCode);

        Assert.Equal(OrganizationRole.Admin, (await World.InTenantAsync(world.Client, db => db.Memberships.SingleAsync(m => m.UserId == world.ClientAdmin.Id))).Role);
        Assert.True(await World.InTenantAsync(world.Client, db => db.Memberships.AnyAsync(m => m.UserId == world.ClientOwner.Id)));
        Assert.False(await World.InTenantAsync(world.Client, db => db.Memberships.AnyAsync(m => m.UserId == world.ResellerAdmin.Id)));
    }

    [Fact]
    public async Task GoBackToTheDashboardWithTheResellersOwnSessionStillOpenAndTheClientsSessionsUntouched()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var ownersBrowser = new Browser(Factory);
        var owner = await ownersBrowser.SignedInAsync(world.Client.Host, world.ClientOwner);
        var browser = new Browser(Factory);
        var onReseller = await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var onClient = await browser.ImpersonateAsync(onReseller, world.Client);

        var back = await onClient.PostFormAsync("/settings", new Dictionary<string, string>(), "/_impersonation?handler=back");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"http://{world.Reseller.Host}/clients", back.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await onReseller.GetAsync("/clients")).StatusCode);
        var afterwards = await onClient.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/signin", afterwards.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings")).StatusCode);

        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.BackToDashboard, session.EndReason);
        Assert.Equal(1, await World.InTenantAsync(world.Client, db => db.AuditEntries.CountAsync(a => a.Action == "impersonation.ended")));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "impersonation.ended")));
    }

    [Fact]
    public async Task EndTheSessionAndSignOutOnTheClientHostOnly()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onReseller = await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var onClient = await browser.ImpersonateAsync(onReseller, world.Client);

        var end = await onClient.PostFormAsync("/settings", new Dictionary<string, string>(), "/_impersonation?handler=end");
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onClient.GetAsync("/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onReseller.GetAsync("/clients")).StatusCode);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.EndedByReseller, session.EndReason);
    }

    [Fact]
    public async Task EndTheSessionWhenTheResellerSignsOutOnTheClientHost()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await onClient.PostFormAsync("/settings", new Dictionary<string, string>(), "/account/signout")).StatusCode);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.SignedOut, session.EndReason);
    }

    [Fact]
    public async Task SignNobodyInWithATicketUsedTwice()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.On(world.Client.Host).GetAsync(handOver.PathAndQuery)).StatusCode);

        var thief = new Browser(Factory).On(world.Client.Host);
        var (replay, page) = await thief.GetPageAsync(handOver.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("used already", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Cloudbase", page.DocumentElement.OuterHtml);
        await Browser.AssertSignedOutAsync(thief);
        await AssertRefusalAuditedAsync(world.Client, "used already");
        Assert.Equal(1, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
    }

    [Fact]
    public async Task SignNobodyInWithAnExpiredTicket()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!;
        await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).Where(t => t.ClientId == world.Client.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        var onClient = browser.On(world.Client.Host);
        var (response, page) = await onClient.GetPageAsync(handOver.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", page.QuerySelector("main")!.TextContent);
        await Browser.AssertSignedOutAsync(onClient);
        await AssertRefusalAuditedAsync(world.Client, "expired");
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
    }

    [Fact]
    public async Task SignNobodyInWithAnAlteredTicket()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!.PathAndQuery;
        var last = handOver[^1];
        var altered = handOver[..^1] + (last == 'A' ? 'B' : 'A');

        var onClient = browser.On(world.Client.Host);
        foreach (var path in new[] { altered, "/_impersonate?ticket=short", "/_impersonate" })
        {
            var (response, page) = await onClient.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("not valid", page.QuerySelector("main")!.TextContent);
        }

        await Browser.AssertSignedOutAsync(onClient);
        await AssertRefusalAuditedAsync(world.Client, "unknown or was altered");
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
    }

    [Fact]
    public async Task SignNobodyInOnAnotherHostAndBurnTheTicket()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var handOver = (await Browser.ClickLogInAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id)).Headers.Location!.PathAndQuery;

        var elsewhere = browser.On(world.OtherClient.Host);
        var (response, page) = await elsewhere.GetPageAsync(handOver);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another address", page.QuerySelector("main")!.TextContent);
        await Browser.AssertSignedOutAsync(elsewhere);
        await AssertRefusalAuditedAsync(world.Client, $"presented on {world.OtherClient.Host}");
        Assert.False(await World.InTenantAsync(world.OtherClient, db => db.Set<ImpersonationSession>().AnyAsync()));

        // Once refused anywhere, the ticket is used up.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.On(world.Client.Host).GetAsync(handOver)).StatusCode);
        Assert.Equal(404, (int)(await browser.On("nobody.portal.test").GetAsync(handOver)).StatusCode);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherResellersClientAndStoreNothing()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var onReseller = await new Browser(Factory).SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        foreach (var stranger in new[] { world.OtherClient, world.OtherReseller, world.Reseller })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onReseller.GetAsync($"/clients/{stranger.Id}/log-in")).StatusCode);
            var post = await onReseller.PostFormAsync($"/clients/{world.Client.Id}/log-in", new Dictionary<string, string> { ["Reason"] = "" }, $"/clients/{stranger.Id}/log-in");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        Assert.Equal(0, await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).CountAsync(t => t.ClientId != world.Client.Id && (t.TenantId == world.Reseller.Id || t.ClientId == world.OtherClient.Id))));
        Assert.False(await World.InTenantAsync(world.OtherClient, db => db.AuditEntries.AnyAsync()));

        // On the client's own host (not a reseller) and on the other reseller's host the route is not there for this client either.
        var onOther = await new Browser(Factory).SignedInAsync(world.OtherReseller.Host, world.OtherResellerAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await onOther.GetAsync($"/clients/{world.Client.Id}/log-in")).StatusCode);
        var owner = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/clients/{world.Client.Id}/log-in")).StatusCode);
    }

    [Fact]
    public async Task RefuseAnEmployeeNotAssignedToTheClientAndAdmitAnAssignedOne()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var unassigned = await new Browser(Factory).SignedInAsync(world.Reseller.Host, world.UnassignedEmployee);
        var refused = await Browser.ClickLogInAsync(unassigned, world.Client.Id);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not assigned", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).CountAsync(t => t.UserId == world.UnassignedEmployee.Id)));

        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.AssignedEmployee), world.Client);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task SignTheSessionOutOnTheNextRequestOnceThePartnerLinkEnds()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/settings")).StatusCode);

        await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.ClientId == world.Client.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.EndedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, (await onClient.GetAsync("/settings")).StatusCode);
        var session = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().SingleAsync());
        Assert.Equal(ImpersonationEndReasons.AccessEnded, session.EndReason);
    }

    [Fact]
    public async Task GrantNothingToImpersonationClaimsWithoutAnOpenSession()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var browser = new Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client);
        await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, DateTime.UtcNow).SetProperty(x => x.EndReason, "test")));
        var response = await onClient.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private async Task AssertRefusalAuditedAsync(TestOrganization client, string why) =>
        Assert.True(await World.InTenantAsync(client, db => db.AuditEntries.AnyAsync(a => a.Action == "impersonation.ticket_refused" && a.Detail!.Contains(why))),
            $"No refusal audited in {client.Name} with '{why}'.");
}
