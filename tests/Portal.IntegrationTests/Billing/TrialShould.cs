using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>R7: "Start free trial" is unlimited for 7 days, once per account; the job reminds the admin two days before and returns the account to free unless it subscribed.</summary>
public sealed class TrialShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task StartOnceFromTheClientsPlanPageAndRefuseASecondTime()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var before = DateTime.UtcNow;

        var started = await client.PostFormAsync("/settings/plan", new Dictionary<string, string>(), "/settings/plan?handler=Trial");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var subscription = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.InRange(subscription.TrialEndsAt!.Value, before.AddDays(7).AddSeconds(-5), DateTime.UtcNow.AddDays(7).AddSeconds(5));
        Assert.Single(await BillingWorld.AuditAsync(World, world.Client, "plan.trial_started"));
        var (_, page) = await client.GetPageAsync("/settings/plan");
        Assert.Equal("Trial", page.QuerySelector(".status")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#trial-end"));
        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.TextContent.Contains("Start free trial"));

        var again = await client.PostFormAsync("/settings/plan", new Dictionary<string, string>(), "/settings/plan?handler=Trial");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already had its free trial", (await PortalClient.ParseAsync(again)).QuerySelector("#plan-error")!.TextContent);
        Assert.Equal(subscription.TrialEndsAt, (await BillingWorld.SubscriptionAsync(World, world.Client))!.TrialEndsAt);
        Assert.Single(await BillingWorld.AuditAsync(World, world.Client, "plan.trial_started"));
    }

    [Fact]
    public async Task RemindTheAdminTwoDaysBeforeOnceThenReturnToFreeAndMarkUsageOverItsLimits()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Trial Resellers", "Trying Co");
        var start = DateTime.UtcNow;
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.FreeId, s => { s.TrialStartedAt = start; s.TrialEndsAt = start.AddDays(7); });
        await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 60); // unlimited while the trial lasts
        await RunPassAsync(start.AddDays(4));
        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.TrialReminderSentAt);

        await RunPassAsync(start.AddDays(5).AddHours(1));
        await RunPassAsync(start.AddDays(5).AddHours(2));
        var reminder = await Factory.Smtp.WaitForMessageAsync(world.ClientOwner.Email!, m => m.Subject == "Trying Co: your free trial ends in 2 days");
        Assert.Contains("returns to the Free plan", reminder.TextBody);
        Assert.Contains($"contact Trial Resellers ({BillingWorld.ResellerSupport})", reminder.TextBody);
        Assert.DoesNotContain("Cloudbase", reminder.TextBody + reminder.HtmlBody);
        Assert.Single(await BillingWorld.AuditAsync(World, world.Client, "plan.trial_reminder_sent"));
        Assert.Equal(AccountStatus.Trial, await StatusAsync(world.Client));

        await RunPassAsync(start.AddDays(7).AddMinutes(1));
        await RunPassAsync(start.AddDays(7).AddMinutes(2));

        var ended = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.Null(ended.TrialEndsAt);
        Assert.Equal(start, ended.TrialStartedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(Plan.Seeded.FreeId, ended.PlanId);
        Assert.Equal(["plan.trial_ended: back to Free"], await BillingWorld.AuditAsync(World, world.Client, "plan.trial_ended"));
        Assert.Equal("records", ended.OverLimitKinds);
        await Factory.Smtp.WaitForMessageAsync(world.ClientOwner.Email!, m => m.Subject == "Trying Co reached its plan limit");
        await Factory.Smtp.WaitForMessageAsync(world.ResellerAdmin.Email!, m => m.Subject == "Copy: Trying Co reached its plan limit");
        Assert.Single(Factory.Smtp.Messages(), m => m.Subject == "Trying Co: your free trial ends in 2 days");
    }

    [Fact]
    public async Task KeepAPaidPlanChosenDuringTheTrial()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var start = DateTime.UtcNow;
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.BasicId, s => { s.TrialStartedAt = start; s.TrialEndsAt = start.AddDays(7); });

        await RunPassAsync(start.AddDays(8));

        var ended = (await BillingWorld.SubscriptionAsync(World, world.Client))!;
        Assert.Null(ended.TrialEndsAt);
        Assert.Equal(Plan.Seeded.BasicId, ended.PlanId);
        Assert.Equal(["plan.trial_ended: stays on Basic"], await BillingWorld.AuditAsync(World, world.Client, "plan.trial_ended"));
    }

    [Fact]
    public async Task LetTheResellerStartItForItsClientOnce()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        using var reseller = await BillingWorld.SignedInAsync(Factory, world.Reseller.Host, world.ResellerAdmin);
        var path = $"/clients/{world.Client.Id}/plan";

        Assert.Equal(HttpStatusCode.Redirect, (await reseller.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Trial")).StatusCode);
        Assert.NotNull((await BillingWorld.SubscriptionAsync(World, world.Client))!.TrialEndsAt);
        Assert.Single(await BillingWorld.AuditAsync(World, world.Reseller, "client.trial_started"));

        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var second = await client.PostFormAsync("/settings/plan", new Dictionary<string, string>(), "/settings/plan?handler=Trial");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
    }

    [Fact]
    public async Task ClearAnOverLimitMarkOnAPassOnceUsageIsBackUnderTheLimits()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 10);
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.FreeId, s => { s.OverLimitSince = DateTime.UtcNow.AddDays(-1); s.OverLimitKinds = "records"; });
        var stillOver = await BillingWorld.ResellerWithClientAsync(World);
        await BillingWorld.SolutionWithRecordsAsync(Factory, stillOver.Client, 60);
        await BillingWorld.SubscribeAsync(World, stillOver.Client, Plan.Seeded.FreeId, s => { s.OverLimitSince = DateTime.UtcNow.AddDays(-1); s.OverLimitKinds = "records"; });

        await RunPassAsync(DateTime.UtcNow);

        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitSince);
        Assert.Equal(AccountStatus.Free, await StatusAsync(world.Client));
        Assert.NotNull((await BillingWorld.SubscriptionAsync(World, stillOver.Client))!.OverLimitSince);
    }

    /// <summary>One pass of the trial job as of <paramref name="now"/>, in a scope of its own as the job runner runs it.</summary>
    private async Task RunPassAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TrialJob>().RunPassAsync(now, CancellationToken.None);
    }

    private async Task<AccountStatus> StatusAsync(TestOrganization org)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountPlans>().GetAsync(org.Id))!.Status;
    }
}
