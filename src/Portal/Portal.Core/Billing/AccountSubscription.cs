using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Billing;

/// <summary>Who pays the platform for a reseller's client (R14).</summary>
public enum BillingMode
{
    /// <summary>The reseller pays the platform at its discount and invoices the client.</summary>
    ResellerBilled = 0,

    /// <summary>The client pays the platform; the reseller earns referral credit.</summary>
    ClientBilled = 1,
}

/// <summary>How the reseller's own price to its client is charged (R6).</summary>
public enum ResellerPriceKind
{
    Monthly = 0,
    Fixed = 1,
}

/// <summary>What an account looks like on a dashboard (R4), derived from plan, trial, limits and organization status.</summary>
public enum AccountStatus
{
    Free = 0,
    Trial = 1,
    Paid = 2,
    OverLimit = 3,
    Suspended = 4,
}

/// <summary>How an account's status reads on every page and in exports (R4).</summary>
public static class AccountStatusText
{
    /// <summary>
    /// The status in words. A marked account reads "At limit" while nothing is above a limit (a refused
    /// addition at 50 of 50 records) and "Over limit" only when usage passed one (a downgrade).
    /// </summary>
    public static string Of(AccountStatus status, bool aboveALimit) => status switch
    {
        AccountStatus.OverLimit => aboveALimit ? "Over limit" : "At limit",
        AccountStatus.Trial => "Trial",
        AccountStatus.Paid => "Paid",
        AccountStatus.Suspended => "Suspended",
        _ => "Free",
    };

    /// <summary>Whether any usage is above its limit (a limit that is null is unlimited).</summary>
    public static bool AboveALimit(long records, long? recordLimit, long members, long? memberLimit, long domains, long? domainLimit) =>
        records > recordLimit || members > memberLimit || domains > domainLimit;
}

/// <summary>
/// An organization's plan and its billing facts (R6–R8, R14). One row per organization, owned by
/// it; an organization without one is on the default plan. Its reseller and the platform read it
/// through <see cref="AccountPlans"/>, whose callers check the partner–client link first.
/// </summary>
public class AccountSubscription : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organization whose plan this is.</summary>
    public Guid TenantId { get; set; }

    public Organization? Organization { get; set; }

    public Guid PlanId { get; set; }

    public Plan? Plan { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>Set when the one free trial started (R7); never cleared, so a second trial is refused.</summary>
    public DateTime? TrialStartedAt { get; set; }

    /// <summary>While in the future the account is an unlimited trial; the trial job clears it afterwards.</summary>
    public DateTime? TrialEndsAt { get; set; }

    /// <summary>When the "two days left" e-mail went out, so it goes once.</summary>
    public DateTime? TrialReminderSentAt { get; set; }

    public BillingMode BillingMode { get; set; }

    /// <summary>A switch one side asked for and the other has not yet accepted (R14).</summary>
    public BillingMode? RequestedBillingMode { get; set; }

    /// <summary>The organization (reseller or client) that asked for <see cref="RequestedBillingMode"/>.</summary>
    public Guid? BillingModeRequestedBy { get; set; }

    public DateTime? BillingModeRequestedAt { get; set; }

    /// <summary>The reseller's own price to the client, free of the platform's plans (R6); null when not recorded.</summary>
    public decimal? ResellerPrice { get; set; }

    public ResellerPriceKind ResellerPriceKind { get; set; }

    /// <summary>ISO 4217 code of <see cref="ResellerPrice"/>.</summary>
    public string? ResellerPriceCurrency { get; set; }

    /// <summary>Set when the account first passed a plan limit and cleared when it is back within all limits, so the over-limit e-mail goes once per crossing (R8).</summary>
    public DateTime? OverLimitSince { get; set; }

    /// <summary>Which limits were passed (<c>records</c>, <c>members</c>, <c>domains</c>), comma-separated.</summary>
    public string? OverLimitKinds { get; set; }

    public bool InTrial(DateTime now) => TrialEndsAt > now;

    /// <summary>
    /// The one rule for an account's status, in order: suspended, over limit, trial, paid (a plan
    /// with a price), free. A query that sorts or filters by status writes the same order.
    /// </summary>
    public static AccountStatus StatusOf(OrganizationStatus organizationStatus, AccountSubscription? subscription, Plan plan, DateTime now) =>
        organizationStatus == OrganizationStatus.Suspended ? AccountStatus.Suspended
        : subscription?.OverLimitSince is not null ? AccountStatus.OverLimit
        : subscription?.InTrial(now) == true ? AccountStatus.Trial
        : plan.MonthlyListPrice > 0 ? AccountStatus.Paid
        : AccountStatus.Free;
}
