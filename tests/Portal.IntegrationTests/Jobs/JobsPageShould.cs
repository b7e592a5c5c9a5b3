using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;

namespace PartnerPortal.IntegrationTests.Jobs;

/// <summary><c>/platform/jobs</c>: every job with its figures, and "Run now", for platform admins on the platform host only.</summary>
public sealed class JobsPageShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private const string Page = "/platform/jobs";

    [Fact]
    public async Task ListEveryJobWithItsFiguresInPlainWords()
    {
        using var admin = await PlatformAdminAsync();
        await WaitUntilRanAsync("mail-outbox");

        var (response, page) = await admin.GetPageAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var job in Factory.Services.GetRequiredService<JobRunner>().Jobs)
        {
            var section = page.QuerySelector($"[data-job='{job.Name}']");
            Assert.True(section is not null, $"{job.Name} is not listed");
            Assert.Equal(job.Description, section.QuerySelector("h2")!.TextContent.Trim());
            Assert.NotNull(section.QuerySelector("form[method=post] button"));
        }

        var outbox = page.QuerySelector("[data-job='mail-outbox']")!;
        Assert.Equal("Sends queued e-mail", outbox.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("every 100 ms", Text(outbox, ".runs"));
        Assert.Matches(@"^(just now|\d+ (ms|s|min) ago), took \d+ (ms|s), \d+ items?$", Text(outbox, ".last-run"));
        Assert.Equal("none", Text(outbox, ".last-error"));
        Assert.Contains("part of the portal itself", outbox.TextContent);
        Assert.Equal("every 15 min", Text(page.QuerySelector("[data-job='billing-trials']")!, ".runs"));
        Assert.Equal("every 6 h", Text(page.QuerySelector("[data-job='domain-recheck']")!, ".runs"));
        var rules = page.QuerySelector("[data-job='solutions-rules']")!;
        Assert.Equal("every 250 ms", Text(rules, ".runs"));
        Assert.Contains("part of the Solutions module", rules.TextContent);
    }

    [Fact]
    public async Task RunAJobNowAndSayWhatItDid()
    {
        using var admin = await PlatformAdminAsync();
        var before = await StartedAsync("resellers-client-rows");
        var (_, earlier) = await admin.GetPageAsync(Page);
        var lastRunBefore = Text(earlier.QuerySelector("[data-job='resellers-client-rows']")!, ".last-run");

        var response = await admin.PostFormAsync(Page, new Dictionary<string, string> { ["name"] = "resellers-client-rows" }, Page + "?handler=Run");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Matches(@"^“Rebuilds the client dashboard's rows from the accounts they show” ran now: \d+ items? in \d+ (ms|s)\.$", page.QuerySelector("#jobs-message")!.TextContent.Trim());
        var started = await StartedAsync("resellers-client-rows");
        Assert.NotNull(started);
        Assert.True(before is null || started > before);
        var lastRun = Text(page.QuerySelector("[data-job='resellers-client-rows']")!, ".last-run");
        Assert.NotEqual(lastRunBefore, lastRun);
        Assert.Contains("took", lastRun);
    }

    [Fact]
    public async Task SayThatAJobRunningElsewhereWasNotStartedTwice()
    {
        using var admin = await PlatformAdminAsync();
        const string job = "resellers-client-purge";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobLeases>().TryClaimAsync(job, "another-instance", JobOptions.DefaultHold, beforeDue: true, CancellationToken.None));
        }

        try
        {
            var before = await StartedAsync(job);
            var response = await admin.PostFormAsync(Page, new Dictionary<string, string> { ["name"] = job }, Page + "?handler=Run");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var (_, page) = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
            Assert.Contains("is running right now (here or on another instance), so it was not started a second time", page.QuerySelector("#jobs-message")!.TextContent);
            Assert.StartsWith("running now", Text(page.QuerySelector($"[data-job='{job}']")!, ".next-run"));
            Assert.Equal(before, await StartedAsync(job));
        }
        finally
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(job, "another-instance", CancellationToken.None);
        }
    }

    [Fact]
    public async Task RefuseAJobThatDoesNotExistOnTheSamePage()
    {
        using var admin = await PlatformAdminAsync();

        var response = await admin.PostFormAsync(Page, new Dictionary<string, string> { ["name"] = "no-such-job" }, Page + "?handler=Run");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("There is no such job. Choose one of the jobs listed here.", page.QuerySelector("#jobs-error")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-job='mail-outbox']"));
        Assert.False(await World.GlobalAsync(db => db.JobLeases.AnyAsync(l => l.Name == "no-such-job")));
    }

    [Fact]
    public async Task ExistOnlyOnThePlatformHostForPlatformAdmins()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using (var onTenant = Factory.ClientFor(org.Host))
        {
            await onTenant.SignInAsync(owner.Email!);
            Assert.Equal(HttpStatusCode.NotFound, (await onTenant.GetAsync(Page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await onTenant.Http.PostAsync(Page + "?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "mail-outbox" }))).StatusCode);
        }

        using (var signedOut = Factory.ClientFor(PortalFactory.PlatformDomain))
        {
            var response = await signedOut.GetAsync(Page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        var started = await StartedAsync("billing-trials");
        using (var notAdmin = await SignedInWithoutAdminRightAsync())
        {
            // 403, not a redirect to sign-in: the session is accepted, the right is missing.
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.GetAsync(Page)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.Http.PostAsync(Page + "?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "billing-trials" }))).StatusCode);
        }

        Assert.Equal(started, await StartedAsync("billing-trials"));
    }

    private async Task<PortalClient> PlatformAdminAsync() =>
        await BillingWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, await World.CreateUserAsync(platformAdmin: true));

    /// <summary>
    /// A session on the platform host of a user who is not a platform admin (say, one whose right
    /// was taken away). Sign-in there admits platform admins only, so the session is issued here
    /// the way sign-in issues it: the user's claims for the platform, in the portal's own cookie.
    /// </summary>
    private async Task<PortalClient> SignedInWithoutAdminRightAsync()
    {
        var user = await World.CreateUserAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        // An open session of the platform host, as sign-in would record it (the host refuses a cookie without one).
        var session = await scope.ServiceProvider.GetRequiredService<PartnerPortal.Accounts.UserSessions>().StartAsync(user.Id, PortalFactory.PlatformDomain, "Test");
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(PartnerPortal.Accounts.UserSessions.Claim, session.ToString()));
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);
        var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        client.Jar.Add(new Uri($"http://{PortalFactory.PlatformDomain}/"), new Cookie(cookie.Cookie.Name!, cookie.TicketDataFormat.Protect(ticket)));
        return client;
    }

    private async Task WaitUntilRanAsync(string job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StartedAsync(job) is null && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    private Task<DateTime?> StartedAsync(string job) =>
        World.GlobalAsync(db => db.JobLeases.Where(l => l.Name == job).Select(l => l.LastStartedAt).FirstOrDefaultAsync());

    private static string Text(AngleSharp.Dom.IElement section, string selector) => section.QuerySelector(selector)!.TextContent.Trim();
}
