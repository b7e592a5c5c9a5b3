using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Billing;

/// <summary>Who asks for a plan change: the client's own admin, the reseller from its own host, or the reseller logged in as the client (R5).</summary>
public enum PlanActor
{
    ClientAdmin = 0,
    Reseller = 1,
    ResellerAsClient = 2,
}

/// <summary>Which side of a reseller–client relationship acts on the billing mode (R14).</summary>
public enum BillingSide
{
    Client = 0,
    Reseller = 1,
}

/// <summary>
/// Changes to an organization's subscription: plan (R6), the one free trial (R7), the reseller's
/// own price (R6) and the billing mode, which needs the other side's consent (R14). Every change is
/// audited in the organizations it concerns and announced (<see cref="KernelEvents.SubscriptionChanged"/>),
/// in one transaction with the change. Like <see cref="AccountPlans"/>, it crosses tenants: callers
/// check the partner–client link first.
/// </summary>
public sealed class Subscriptions(
    PortalDbContext db,
    AccountPlans plans,
    OverLimitMarks marks,
    IResellerDiscount discounts,
    AuditLog audit,
    ITenantContext tenants,
    ITenantStore store,
    IPortalEvents events,
    TimeProvider time,
    IOptions<BillingOptions> options)
{
    public const int MaxPrice = 1_000_000;

    /// <summary>Why <paramref name="actor"/> may not change the plan of <paramref name="account"/>, or null when it may.</summary>
    public static string? WhyNotChangePlan(AccountPlan account, PlanActor actor)
    {
        var name = account.Organization.Name;
        if (account.ResellerId is null)
        {
            return actor == PlanActor.ClientAdmin ? null : $"{name} is not one of your clients.";
        }

        if (account.BillingMode == BillingMode.ResellerBilled)
        {
            return actor == PlanActor.ClientAdmin
                ? $"{account.ResellerName} manages the plan of {name}. Contact them to change it."
                : null;
        }

        return actor == PlanActor.Reseller
            ? $"{name} pays for its own plan (client-billed), so it chooses the plan itself. Log in as the client to change it with them, or ask for reseller billing."
            : null;
    }

    /// <summary>The reseller's cost of a plan: its list price less the reseller's discount (R6), to the cent.</summary>
    public async Task<decimal> ResellerCostAsync(Guid resellerId, Plan plan, CancellationToken cancellationToken = default)
    {
        var rate = await discounts.RateAsync(resellerId, cancellationToken);
        return Math.Round(plan.MonthlyListPrice * (1 - rate), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Moves the account to another plan; returns why not, or null when it changed.</summary>
    public async Task<string?> ChangePlanAsync(Guid organizationId, Guid planId, PlanActor actor, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account is null) return "That account does not exist.";
        if (WhyNotChangePlan(account, actor) is { } refused) return refused;
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || (plan.ArchivedAt is not null && plan.Id != account.Plan.Id)) return "Choose one of the listed plans.";
        if (plan.Id == account.Plan.Id) return $"{account.Organization.Name} is already on the {plan.Name} plan.";

        var subscription = await TrackedSubscriptionAsync(account, cancellationToken);
        subscription.PlanId = plan.Id;
        subscription.ChangedAt = time.GetUtcNow().UtcDateTime;
        var detail = $"{account.Plan.Name} → {plan.Name}";
        await SaveWithAuditAsync(account, "plan.changed", detail + By(actor, account), actor == PlanActor.Reseller ? ("client.plan_changed", $"{account.Organization.Name}: {detail}") : null, cancellationToken);
        await marks.ReevaluateAsync(organizationId, cancellationToken);
        return null;
    }

    /// <summary>Starts the one free trial: unlimited for <see cref="BillingOptions.TrialLength"/> (R7).</summary>
    public async Task<string?> StartTrialAsync(Guid organizationId, PlanActor actor, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account is null) return "That account does not exist.";
        if (account.Subscription?.TrialStartedAt is { } started)
            return $"{account.Organization.Name} already had its free trial (started {started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}). There is one per account.";
        if (!account.Plan.IsFree) return $"{account.Organization.Name} is on the {account.Plan.Name} plan already; the free trial is for accounts on a free plan.";

        var now = time.GetUtcNow().UtcDateTime;
        var subscription = await TrackedSubscriptionAsync(account, cancellationToken);
        subscription.TrialStartedAt = now;
        subscription.TrialEndsAt = now + options.Value.TrialLength;
        subscription.TrialReminderSentAt = null;
        var detail = $"until {subscription.TrialEndsAt:yyyy-MM-dd HH:mm} UTC";
        await SaveWithAuditAsync(account, "plan.trial_started", detail + By(actor, account), actor == PlanActor.Reseller ? ("client.trial_started", $"{account.Organization.Name}: {detail}") : null, cancellationToken);
        await marks.ReevaluateAsync(organizationId, cancellationToken);
        return null;
    }

    /// <summary>Records the reseller's own price to its client, fixed or monthly (R6); a null price removes it.</summary>
    public async Task<string?> SetResellerPriceAsync(Guid clientId, decimal? price, ResellerPriceKind kind, string? currency, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(clientId, cancellationToken);
        if (account?.ResellerId is null) return "That account is not one of your clients.";
        var code = currency?.Trim().ToUpperInvariant() ?? string.Empty;
        if (price is not null)
        {
            if (price < 0 || price > MaxPrice) return $"Enter a price from 0 to {MaxPrice.ToString("N0", CultureInfo.InvariantCulture)}.";
            if (decimal.Round(price.Value, 2) != price) return "Enter the price with at most two decimals, for example 49.90.";
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)) return "Enter the currency as a three-letter code, for example USD or EUR.";
        }

        if (!Enum.IsDefined(kind)) return "Choose monthly or fixed.";
        var subscription = await TrackedSubscriptionAsync(account, cancellationToken);
        subscription.ResellerPrice = price;
        subscription.ResellerPriceKind = kind;
        subscription.ResellerPriceCurrency = price is null ? null : code;
        var detail = price is null ? $"{account.Organization.Name}: price removed" : $"{account.Organization.Name}: {Money(price.Value, code)} {kind.ToString().ToLowerInvariant()}";
        await SaveAsync(account, null, ("client.price_set", detail), cancellationToken);
        return null;
    }

    /// <summary>Asks the other side to switch the billing mode (R14); nothing changes until it accepts.</summary>
    public async Task<string?> RequestBillingModeAsync(Guid clientId, BillingMode mode, BillingSide by, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(clientId, cancellationToken);
        if (account?.ResellerId is null) return "Only a reseller's client has a billing mode.";
        if (!Enum.IsDefined(mode)) return "Choose reseller-billed or client-billed.";
        if (account.BillingMode == mode) return $"{account.Organization.Name} is {Describe(mode)} already.";
        if (account.Subscription?.RequestedBillingMode is { } pending)
        {
            return SideOf(account) == by
                ? $"You asked to switch to {Describe(pending)} on {account.Subscription.BillingModeRequestedAt:yyyy-MM-dd}; the other side has not answered yet."
                : $"The other side asked to switch to {Describe(pending)}. Accept or decline that first.";
        }

        var subscription = await TrackedSubscriptionAsync(account, cancellationToken);
        subscription.RequestedBillingMode = mode;
        subscription.BillingModeRequestedBy = by == BillingSide.Client ? clientId : account.ResellerId;
        subscription.BillingModeRequestedAt = time.GetUtcNow().UtcDateTime;
        var detail = $"{Describe(account.BillingMode)} → {Describe(mode)}, asked by {(by == BillingSide.Client ? account.Organization.Name : account.ResellerName)}";
        await SaveWithAuditAsync(account, "billing_mode.requested", detail, ("client.billing_mode_requested", $"{account.Organization.Name}: {detail}"), cancellationToken);
        return null;
    }

    /// <summary>The other side accepts (the mode switches) or declines (nothing changes) a pending request; both are audited on both sides.</summary>
    public async Task<string?> AnswerBillingModeAsync(Guid clientId, bool accept, BillingSide by, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(clientId, cancellationToken);
        if (account?.ResellerId is null) return "Only a reseller's client has a billing mode.";
        if (account.Subscription?.RequestedBillingMode is not { } requested) return "There is no billing-mode request to answer.";
        if (SideOf(account) == by) return "You asked for this switch; the other side answers it. You can wait, or ask them directly.";

        var subscription = await TrackedSubscriptionAsync(account, cancellationToken);
        var from = subscription.BillingMode;
        if (accept) subscription.BillingMode = requested;
        subscription.RequestedBillingMode = null;
        subscription.BillingModeRequestedBy = null;
        subscription.BillingModeRequestedAt = null;
        var answeredBy = by == BillingSide.Client ? account.Organization.Name : account.ResellerName;
        var action = accept ? "billing_mode.accepted" : "billing_mode.declined";
        var detail = $"{Describe(from)} → {Describe(requested)}, {(accept ? "accepted" : "declined")} by {answeredBy}";
        await SaveWithAuditAsync(account, action, detail, ("client." + action.Replace('.', '_'), $"{account.Organization.Name}: {detail}"), cancellationToken);
        return null;
    }

    public static string Describe(BillingMode mode) => mode == BillingMode.ResellerBilled ? "reseller-billed" : "client-billed";

    public static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    /// <summary>Who asked for the pending billing-mode switch.</summary>
    public static BillingSide? SideOf(AccountPlan account) =>
        account.Subscription?.BillingModeRequestedBy is not { } by ? null
        : by == account.Organization.Id ? BillingSide.Client
        : BillingSide.Reseller;

    private static string By(PlanActor actor, AccountPlan account) => actor switch
    {
        PlanActor.Reseller => $" (by reseller {account.ResellerName})",
        PlanActor.ResellerAsClient => $" (by reseller {account.ResellerName}, logged in as the client)",
        _ => string.Empty,
    };

    private async Task<AccountSubscription> TrackedSubscriptionAsync(AccountPlan account, CancellationToken cancellationToken)
    {
        // The account's own row, whichever host asks: the callers checked the link.
        var existing = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).FirstOrDefaultAsync(s => s.TenantId == account.Organization.Id, cancellationToken);
        if (existing is not null) return existing;
        var created = new AccountSubscription { TenantId = account.Organization.Id, PlanId = account.Plan.Id, ChangedAt = time.GetUtcNow().UtcDateTime };
        db.AccountSubscriptions.Add(created);
        return created;
    }

    /// <summary>Saves the pending change with an audit entry in the client and, when given, one in its reseller.</summary>
    private Task SaveWithAuditAsync(AccountPlan account, string action, string detail, (string Action, string Detail)? inReseller, CancellationToken cancellationToken) =>
        SaveAsync(account, (action, detail), inReseller, cancellationToken);

    // The subscription is the client's own row and each audit entry belongs to its organization: each
    // is saved while that tenant is current. All of it, and the followers of the event, commit together.
    private async Task SaveAsync(AccountPlan account, (string Action, string Detail)? inClient, (string Action, string Detail)? inReseller, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (tenants.Change(account.Organization))
        {
            if (inClient is { } c) audit.Record(c.Action, c.Detail);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (inReseller is { } r && account.ResellerId is { } resellerId)
        {
            var reseller = await store.FindByIdAsync(resellerId, cancellationToken) ?? throw new InvalidOperationException($"No organization {resellerId}.");
            using (tenants.Change(reseller))
            {
                audit.Record(r.Action, r.Detail);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await events.PublishAsync(new PortalEvent(account.Organization.Id, null, KernelEvents.SubscriptionChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
