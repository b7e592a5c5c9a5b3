using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
/// again at every marked account so the mark clears once usage is back under its limits. Job
/// <c>billing-trials</c>, every <see cref="BillingOptions.JobInterval"/>; each step is claimed by a
/// conditional update, so a pass run twice, or by two instances, e-mails and audits once.
/// </summary>
public sealed class TrialJob(
    PortalDbContext db,
    AccountPlans plans,
    OverLimitMarks marks,
    IMailer mailer,
    AuditLog audit,
    ITenantContext tenants,
    TenantUrls urls,
    IPortalEvents events,
    TimeProvider time,
    IOptions<BillingOptions> options) : IPortalJob
{
    public const string JobName = "billing-trials";
    public const string ReminderTemplate = "trial-ending";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pass = await RunPassAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        return pass.Reminded + pass.Ended + pass.Reevaluated;
    }

    /// <summary>One pass as of <paramref name="now"/> (tests pass a time in the trial's future).</summary>
    public async Task<TrialPassResult> RunPassAsync(DateTime now, CancellationToken cancellationToken)
    {
        var remindFrom = now + options.Value.TrialReminderBefore;
        // Every organization's trial: the job works for all of them.
        var toRemind = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.TrialEndsAt > now && s.TrialEndsAt <= remindFrom && s.TrialReminderSentAt == null)
            .Select(s => s.TenantId).ToListAsync(cancellationToken);
        var toEnd = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.TrialEndsAt <= now)
            .Select(s => s.TenantId).ToListAsync(cancellationToken);
        var marked = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.OverLimitSince != null)
            .Select(s => s.TenantId).ToListAsync(cancellationToken);

        int reminded = 0, ended = 0;
        foreach (var id in toRemind)
        {
            // Each account is its own unit of work: nothing one leaves tracked is saved with the next.
            db.ChangeTracker.Clear();
            if (await RemindAsync(id, now, cancellationToken)) reminded++;
        }

        foreach (var id in toEnd)
        {
            db.ChangeTracker.Clear();
            if (await EndAsync(id, now, cancellationToken)) ended++;
        }

        foreach (var id in marked.Except(toEnd))
        {
            db.ChangeTracker.Clear();
            await marks.ReevaluateAsync(id, cancellationToken);
        }

        return new TrialPassResult(reminded, ended, marked.Count);
    }

    private async Task<bool> RemindAsync(Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account?.Subscription?.TrialEndsAt is not { } endsAt) return false;
        var admins = await marks.AdminsAsync(organizationId, excludeSupportSpecialists: false, cancellationToken);
        // Nobody to tell yet (an owner still to accept an invitation): a later pass reminds.
        if (admins.Count == 0) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"])
            .Where(s => s.TenantId == organizationId && s.TrialEndsAt == endsAt && s.TrialReminderSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TrialReminderSentAt, now), cancellationToken);
        if (claimed != 1) return false;

        var defaultPlan = await plans.DefaultPlanAsync(cancellationToken);
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
        using (tenants.Change(account.Organization))
        {
            audit.Record("plan.trial_reminder_sent", $"trial ends {model["trial_ends"]}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<bool> EndAsync(Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
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

        using (tenants.Change(account.Organization))
        {
            audit.Record("plan.trial_ended", subscribed ? $"stays on {account.Plan.Name}" : $"back to {defaultPlan.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        // Written with ExecuteUpdate, so nothing else would learn of it: copies of the status follow in this transaction.
        await events.PublishAsync(new PortalEvent(organizationId, null, KernelEvents.SubscriptionChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Unlimited no more: usage over the plan's limits marks the account (and e-mails) now.
        await marks.ReevaluateAsync(organizationId, cancellationToken);
        return true;
    }
}
