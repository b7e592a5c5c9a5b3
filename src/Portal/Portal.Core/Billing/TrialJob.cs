using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Billing;

/// <summary>What one pass of the trial job did.</summary>
public sealed record TrialPassResult(int Reminded, int Ended, int Reevaluated);

/// <summary>
/// Trials and over-limit marks over time (R7, R8): e-mails a trial's admins once,
/// <see cref="BillingOptions.TrialReminderBefore"/> before it ends; ends it afterwards (back to
/// the default plan unless the account subscribed to a paid plan meanwhile), audited; and looks
/// again at every marked account so the mark clears once usage is back under its limits. One
/// instance runs a pass per interval (a <see cref="JobLease"/>); each step is claimed by a
/// conditional update, so a pass run twice, or by two instances, e-mails and audits once.
/// </summary>
public sealed class TrialJob(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<BillingOptions> options,
    ILogger<TrialJob> logger) : LeasedJob(scopes, time, logger)
{
    public const string LeaseName = "billing-trials";
    public const string ReminderTemplate = "trial-ending";

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.JobInterval;

    protected override Task RunLeasedPassAsync(CancellationToken cancellationToken) => RunPassAsync(Time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>One pass as of <paramref name="now"/>, without the lease (tests and operators call this directly).</summary>
    public async Task<TrialPassResult> RunPassAsync(DateTime now, CancellationToken cancellationToken)
    {
        var remindFrom = now + options.Value.TrialReminderBefore;
        List<Guid> toRemind, toEnd, marked;
        await using (var scope = Scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // Every organization's trial: the job works for all of them.
            toRemind = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .Where(s => s.TrialEndsAt > now && s.TrialEndsAt <= remindFrom && s.TrialReminderSentAt == null)
                .Select(s => s.TenantId).ToListAsync(cancellationToken);
            toEnd = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .Where(s => s.TrialEndsAt <= now)
                .Select(s => s.TenantId).ToListAsync(cancellationToken);
            marked = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .Where(s => s.OverLimitSince != null)
                .Select(s => s.TenantId).ToListAsync(cancellationToken);
        }

        int reminded = 0, ended = 0;
        foreach (var id in toRemind)
        {
            await using var scope = Scopes.CreateAsyncScope();
            if (await RemindAsync(scope.ServiceProvider, id, now, cancellationToken)) reminded++;
        }

        foreach (var id in toEnd)
        {
            await using var scope = Scopes.CreateAsyncScope();
            if (await EndAsync(scope.ServiceProvider, id, now, cancellationToken)) ended++;
        }

        foreach (var id in marked.Except(toEnd))
        {
            await using var scope = Scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OverLimitMarks>().ReevaluateAsync(id, cancellationToken);
        }

        return new TrialPassResult(reminded, ended, marked.Count);
    }

    private static async Task<bool> RemindAsync(IServiceProvider services, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var plans = services.GetRequiredService<AccountPlans>();
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account?.Subscription?.TrialEndsAt is not { } endsAt) return false;
        var admins = await services.GetRequiredService<OverLimitMarks>().AdminsAsync(organizationId, excludeSupportSpecialists: false, cancellationToken);
        // Nobody to tell yet (an owner still to accept an invitation): a later pass reminds.
        if (admins.Count == 0) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"])
            .Where(s => s.TenantId == organizationId && s.TrialEndsAt == endsAt && s.TrialReminderSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TrialReminderSentAt, now), cancellationToken);
        if (claimed != 1) return false;

        var defaultPlan = await plans.DefaultPlanAsync(cancellationToken);
        var urls = services.GetRequiredService<TenantUrls>();
        var mailer = services.GetRequiredService<IMailer>();
        var model = new Dictionary<string, string?>
        {
            ["client_name"] = account.Organization.Name,
            ["trial_ends"] = endsAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["days_left"] = Math.Max(1, (int)Math.Ceiling((endsAt - now).TotalDays)).ToString(CultureInfo.InvariantCulture),
            ["default_plan"] = defaultPlan.Name,
            ["managed_by"] = account.ResellerName ?? string.Empty,
            ["contact"] = await plans.SupportContactAsync(account.Organization, cancellationToken),
            ["plan_url"] = urls.For(account.Organization, "/settings/plan"),
        };
        foreach (var admin in admins) mailer.Queue(ReminderTemplate, model, admin, account.Organization);
        using (services.GetRequiredService<ITenantContext>().Change(account.Organization))
        {
            services.GetRequiredService<AuditLog>().Record("plan.trial_reminder_sent", $"trial ends {model["trial_ends"]}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> EndAsync(IServiceProvider services, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var plans = services.GetRequiredService<AccountPlans>();
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account?.Subscription?.TrialEndsAt is not { } endsAt || endsAt > now) return false;

        // Subscribed meanwhile (a paid plan): the account keeps it; otherwise back to the default plan.
        var defaultPlan = await plans.DefaultPlanAsync(cancellationToken);
        var subscribed = !account.Plan.IsFree;
        var planId = subscribed ? account.Plan.Id : defaultPlan.Id;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"])
            .Where(s => s.TenantId == organizationId && s.TrialEndsAt == endsAt)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TrialEndsAt, (DateTime?)null).SetProperty(x => x.PlanId, planId).SetProperty(x => x.ChangedAt, now), cancellationToken);
        if (claimed != 1) return false;

        using (services.GetRequiredService<ITenantContext>().Change(account.Organization))
        {
            services.GetRequiredService<AuditLog>().Record("plan.trial_ended", subscribed ? $"stays on {account.Plan.Name}" : $"back to {defaultPlan.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        // Written with ExecuteUpdate, so nothing else would learn of it: copies of the status follow in this transaction.
        await services.GetRequiredService<IPortalEvents>().PublishAsync(new PortalEvent(organizationId, null, KernelEvents.SubscriptionChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Unlimited no more: usage over the plan's limits marks the account (and e-mails) now.
        await services.GetRequiredService<OverLimitMarks>().ReevaluateAsync(organizationId, cancellationToken);
        return true;
    }
}
