using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// T7: mail is never silently lost. Against a real SMTP server that answers 451 (busy) and 550
/// (no such user): 4xx is retried, 5xx is not, a message that keeps failing is dead-lettered after
/// <c>Mail:MaxAttempts</c>, its organization's owners see it and send it again, and the platform
/// admin sees the outbox's health on <c>/platform/jobs</c>.
/// </summary>
public sealed class MailDeliveryShould(MailDeliveryShould.PortalWithTwoAttempts factory) : PortalTest<MailDeliveryShould.PortalWithTwoAttempts>(factory)
{
    public sealed class PortalWithTwoAttempts() : MailingPortalFactory(new Dictionary<string, string?> { ["Mail:MaxAttempts"] = "2" });

    [Fact]
    public async Task DeadLetterA5xxAtOnceAndSendTheRestOfTheBatch()
    {
        var org = await World.CreateOrganizationAsync();
        var refused = await QueueAsync(org, $"{TestWorld.UniqueSlug("reject550")}@people.test");
        var fine = $"{TestWorld.UniqueSlug("fine")}@people.test";
        await QueueAsync(org, fine);

        var message = await WaitForAsync(refused, m => m.DeadAt is not null);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("No such user", message.LastError);
        await Factory.Smtp.WaitForMessageAsync(fine);

        // Never tried again, however long it waits.
        await Task.Delay(1000);
        Assert.Equal(1, (await OutboxAsync(refused)).Attempts);
    }

    [Fact]
    public async Task RetryA4xxThenDeadLetterItAfterTheConfiguredAttempts()
    {
        var org = await World.CreateOrganizationAsync();
        var busy = await QueueAsync(org, $"{TestWorld.UniqueSlug("defer451")}@people.test");

        var first = await WaitForAsync(busy, m => m.Attempts == 1);
        Assert.Null(first.DeadAt);
        Assert.True(first.DueAt > first.CreatedAt, "a retry is scheduled after the backoff");
        Assert.Contains("try again later", first.LastError);

        await MakeDueAsync(busy);
        var second = await WaitForAsync(busy, m => m.Attempts == 2);
        Assert.NotNull(second.DeadAt);
    }

    [Fact]
    public async Task LetOwnersSeeUndeliveredMailAndSendItAgain()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Undelivered Co");
        var to = $"{TestWorld.UniqueSlug("reject550")}@people.test";
        var id = await QueueAsync(org, to);
        await WaitForAsync(id, m => m.DeadAt is not null);
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var (response, page) = await client.GetPageAsync("/settings/undelivered-mail");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(to, page.QuerySelector("main")!.TextContent);
        Assert.Contains("No such user", page.QuerySelector("main")!.TextContent);

        var resent = await client.PostFormAsync("/settings/undelivered-mail", new Dictionary<string, string> { ["messageId"] = id.ToString() }, action: "/settings/undelivered-mail?handler=Resend");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains("queued again", Uri.UnescapeDataString(resent.Headers.Location!.ToString()));
        // Sent again from scratch: one new attempt, refused again by this server.
        var again = await WaitForAsync(id, m => m.DeadAt is not null && m.Attempts == 1 && m.LastError != null, since: DateTime.UtcNow);
        Assert.NotNull(again.DeadAt);
        Assert.True(await World.InTenantAsync(org, db => db.AuditEntries.AnyAsync(a => a.Action == "mail.resent")));
    }

    [Fact]
    public async Task NotResendAnotherOrganizationsMail()
    {
        var victim = await World.CreateOrganizationAsync();
        var id = await QueueAsync(victim, $"{TestWorld.UniqueSlug("reject550")}@people.test");
        var dead = await WaitForAsync(id, m => m.DeadAt is not null);
        var (attacker, owner) = await World.OrganizationWithMemberAsync();
        using var client = await Factory.SignedInAsync(attacker.Host, owner);

        var response = await client.PostFormAsync("/settings/undelivered-mail", new Dictionary<string, string> { ["messageId"] = id.ToString() }, action: "/settings/undelivered-mail?handler=Resend");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("no longer waiting", Uri.UnescapeDataString(response.Headers.Location!.ToString()));
        Assert.Equal(dead.DeadAt, (await OutboxAsync(id)).DeadAt);
        var (_, page) = await client.GetPageAsync("/settings/undelivered-mail");
        Assert.DoesNotContain(dead.ToAddress, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ShowTheOutboxHealthToThePlatformAdmin()
    {
        var org = await World.CreateOrganizationAsync();
        var id = await QueueAsync(org, $"{TestWorld.UniqueSlug("reject550")}@people.test");
        await WaitForAsync(id, m => m.DeadAt is not null);
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var client = await Factory.SignedInAsync(PortalFactory.PlatformDomain, admin);

        var (response, page) = await client.GetPageAsync("/platform/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = page.QuerySelector("#outbox-health")!.TextContent;
        Assert.Matches(@"Undelivered\s*[1-9]", health);
        Assert.Contains("Waiting", health);
    }

    private async Task<Guid> QueueAsync(TestOrganization org, string to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
        using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
        var model = new Dictionary<string, string?> { ["inviter_name"] = "Ann", ["role"] = "member", ["accept_url"] = "http://x.test/accept", ["expires_days"] = "7" };
        var message = scope.ServiceProvider.GetRequiredService<IMailer>().Queue("invitation", model, new MailRecipient(to));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        return message.Id;
    }

    private Task<OutboxMessage> OutboxAsync(Guid id) =>
        World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<int> MakeDueAsync(Guid id) =>
        World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DueAt, DateTime.UtcNow.AddSeconds(-1))));

    private async Task<OutboxMessage> WaitForAsync(Guid id, Func<OutboxMessage, bool> condition, DateTime? since = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        OutboxMessage message;
        do
        {
            message = await OutboxAsync(id);
            if (condition(message) && (since is null || message.DeadAt >= since.Value.AddSeconds(-1))) return message;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Outbox message {id} did not get there: attempts {message.Attempts}, dead {message.DeadAt}, error {message.LastError}.");
    }
}
