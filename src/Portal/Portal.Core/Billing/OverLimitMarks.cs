using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Billing;

/// <summary>
/// The over-limit mark of an account (R8): set at the first crossing, with one e-mail to the
/// client's admins in its own (reseller-controlled) branding and a copy to the reseller; cleared
/// once every marked limit has room again, so the next crossing e-mails again. The mark is
/// claimed by a conditional update, so two requests (or instances) crossing at once e-mail once.
/// Setting or clearing the mark changes the account's status, so it raises
/// <see cref="KernelEvents.SubscriptionChanged"/>. Works on the account's own subscription from any
/// host: callers check the partner–client link first. Each call saves on its own: call it outside
/// any unit of work that must not be saved.
/// </summary>
public sealed class OverLimitMarks(
    PortalDbContext db,
    AccountPlans plans,
    IMailer mailer,
    AuditLog audit,
    ITenantContext tenants,
    ITenantStore store,
    TenantUrls urls,
    ShellCatalog shell,
    IPortalEvents events,
    TimeProvider time)
{
    public const string Template = "over-limit";

    /// <summary>Marks the account for <paramref name="kinds"/>; e-mails only when it was not marked yet. Returns whether it e-mailed.</summary>
    public async Task<bool> NoteCrossingAsync(Guid organizationId, IReadOnlyCollection<LimitKind> kinds, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account is null || kinds.Count == 0) return false;
        var subscription = await EnsureSubscriptionAsync(account, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var codes = LimitKinds.Join(kinds);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"])
            .Where(s => s.Id == subscription.Id && s.OverLimitSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverLimitSince, now).SetProperty(x => x.OverLimitKinds, codes), cancellationToken);
        if (claimed != 1)
        {
            // Already marked: this crossing was announced; only remember the extra limit.
            var marked = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).Where(s => s.Id == subscription.Id).Select(s => s.OverLimitKinds).SingleAsync(cancellationToken);
            var all = LimitKinds.Join(LimitKinds.Parse(marked).Concat(kinds));
            if (all != marked)
            {
                await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).Where(s => s.Id == subscription.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverLimitKinds, all), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await QueueNoticesAsync(account, kinds, cancellationToken);
        using (tenants.Change(account.Organization))
        {
            audit.Record("plan.limit_reached", $"{string.Join(", ", kinds.Select(k => k.Noun()))} on {account.Plan.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await events.PublishAsync(new PortalEvent(organizationId, null, KernelEvents.SubscriptionChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// After the plan, the trial or the usage changed: marks an account whose usage is now over a
    /// limit (a downgrade, a trial that ended) and clears the mark once every marked limit has room,
    /// counting <paramref name="pending"/> (an addition about to be saved) as used.
    /// </summary>
    public async Task ReevaluateAsync(Guid organizationId, CancellationToken cancellationToken = default, (LimitKind Kind, long Adding)? pending = null)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account is null) return;
        var over = Enum.GetValues<LimitKind>().Where(k => account.LimitOf(k) is { } limit && account.Usage.Of(k) > limit).ToList();
        if (account.Subscription?.OverLimitSince is null)
        {
            if (over.Count > 0) await NoteCrossingAsync(organizationId, over, cancellationToken);
            return;
        }

        var marked = LimitKinds.Parse(account.Subscription.OverLimitKinds);
        long Used(LimitKind kind) => account.Usage.Of(kind) + (pending is { } p && p.Kind == kind ? p.Adding : 0);
        var stillAtLimit = marked.Concat(over).Any(k => account.LimitOf(k) is { } limit && Used(k) >= limit);
        if (!stillAtLimit) await ClearAsync(account.Subscription, cancellationToken);
    }

    private async Task ClearAsync(AccountSubscription subscription, CancellationToken cancellationToken)
    {
        var since = subscription.OverLimitSince;
        var cleared = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).Where(s => s.Id == subscription.Id && s.OverLimitSince == since)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverLimitSince, (DateTime?)null).SetProperty(x => x.OverLimitKinds, (string?)null), cancellationToken);
        if (cleared == 1) await events.PublishAsync(new PortalEvent(subscription.TenantId, null, KernelEvents.SubscriptionChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
    }

    /// <summary>The account's subscription row, created on the default plan when it has none yet.</summary>
    private async Task<AccountSubscription> EnsureSubscriptionAsync(AccountPlan account, CancellationToken cancellationToken)
    {
        if (account.Subscription is { } existing) return existing;
        var created = new AccountSubscription { TenantId = account.Organization.Id, PlanId = account.Plan.Id, ChangedAt = time.GetUtcNow().UtcDateTime };
        using (tenants.Change(account.Organization))
        {
            db.AccountSubscriptions.Add(created);
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }

    private async Task QueueNoticesAsync(AccountPlan account, IReadOnlyCollection<LimitKind> kinds, CancellationToken cancellationToken)
    {
        var client = account.Organization;
        var limits = string.Join(", ", kinds.Select(k => account.Plan.LimitOf(k) is { } limit ? $"{limit.ToString("N0", CultureInfo.InvariantCulture)} {k.Noun()}" : k.Noun()));
        var contact = await plans.SupportContactAsync(client, cancellationToken);
        var model = new Dictionary<string, string?>
        {
            ["client_name"] = client.Name,
            ["plan_name"] = account.Plan.Name,
            ["limits"] = limits,
            ["managed_by"] = account.ResellerName ?? string.Empty,
            ["contact"] = contact,
            ["plan_url"] = urls.For(client, "/settings/plan"),
            ["copy_for"] = string.Empty,
        };

        foreach (var admin in await AdminsAsync(client.Id, excludeSupportSpecialists: false, cancellationToken))
        {
            mailer.Queue(Template, model, admin, client);
        }

        if (account.ResellerId is not { } resellerId) return;
        var resellerPeople = await AdminsAsync(resellerId, excludeSupportSpecialists: true, cancellationToken);
        if (resellerPeople.Count == 0)
        {
            var supportEmail = await db.Organizations.AsNoTracking().Where(o => o.Id == resellerId).Select(o => o.Branding.SupportEmail).FirstOrDefaultAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(supportEmail)) resellerPeople = [new MailRecipient(supportEmail.Trim())];
        }

        var reseller = await store.FindByIdAsync(resellerId, cancellationToken);
        var copy = new Dictionary<string, string?>(model)
        {
            ["copy_for"] = client.Name,
            // Where the reseller changes this client's plan, if a module serves that page for it; else its home.
            ["plan_url"] = reseller is null
                ? model["plan_url"]
                : urls.For(reseller, shell.LinkFor(LinkPurposes.PartnerClientPlan, reseller, new Dictionary<string, string> { ["clientId"] = client.Id.ToString() }) ?? "/dashboard"),
        };
        foreach (var person in resellerPeople)
        {
            mailer.Queue(Template, copy, person, client);
        }
    }

    /// <summary>Owners and admins of an organization (active, with an e-mail address).</summary>
    public async Task<List<MailRecipient>> AdminsAsync(Guid organizationId, bool excludeSupportSpecialists, CancellationToken cancellationToken)
    {
        var people = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == organizationId && m.Role >= OrganizationRole.Admin && m.DeactivatedAt == null && m.User!.Email != null)
            .Where(m => !excludeSupportSpecialists || !m.SupportSpecialist)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new { m.User!.Email, m.User.DisplayName })
            .ToListAsync(cancellationToken);
        return people.Select(p => new MailRecipient(p.Email!, p.DisplayName)).ToList();
    }
}
