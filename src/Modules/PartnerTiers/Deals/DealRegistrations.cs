using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>A deal registration as a partner or a platform admin typed it.</summary>
public sealed record DealForm(string? Customer, string? ExpectedArr, string? Currency, string? Stage, string? CloseDate);

/// <summary>A partner's own deal with what it earns: the deal-registration discount when won and approved.</summary>
public sealed record OwnDeal(DealRegistration Deal, decimal? DiscountRate, decimal? DiscountAmount);

/// <summary>Another registration of the same customer, as platform admins see it next to a deal.</summary>
public sealed record SameCustomer(Guid DealId, string PartnerName, string Customer, DealStage Stage, DealReview Review, DateTime RegisteredAt);

/// <summary>A deal on the platform admins' review page, with every other registration of its customer.</summary>
public sealed record DealUnderReview(DealRegistration Deal, string PartnerName, IReadOnlyList<SameCustomer> SameCustomer);

/// <summary>
/// Deal registration (P8): a partner's members register opportunities and move them through their
/// stages on the partner's host; platform admins approve or reject each, with a reason for a
/// rejection. A registration of a customer someone registered before (any partner; names folded by
/// <see cref="CustomerNames"/>) is flagged to both. Every change is audited in the partner's log,
/// and every decision e-mailed to the partner in its branding.
/// </summary>
public sealed class DealRegistrations(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    AuditLog audit,
    PartnerNotices notices,
    IDealRegistrationDiscount discount,
    TimeProvider time)
{
    public const decimal MaxArr = 1_000_000_000m;

    public const int MaxCustomerLength = 200;

    public const int MaxReasonLength = 1000;

    public static readonly DealStage[] OpenStages = [DealStage.Qualified, DealStage.Proposal, DealStage.Negotiation];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static bool IsOpen(DealStage stage) => OpenStages.Contains(stage);

    public static string Describe(DealStage stage) => stage switch
    {
        DealStage.Qualified => "Qualified",
        DealStage.Proposal => "Proposal sent",
        DealStage.Negotiation => "In negotiation",
        DealStage.Won => "Won",
        DealStage.Lost => "Lost",
        _ => "Unknown",
    };

    public static string Describe(DealReview review) => review switch
    {
        DealReview.Pending => "Waiting for review",
        DealReview.Approved => "Approved",
        DealReview.Rejected => "Rejected",
        _ => "Unknown",
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The current partner's deals, newest first, each with the discount it earns.</summary>
    public async Task<IReadOnlyList<OwnDeal>> OwnAsync(CancellationToken cancellationToken = default)
    {
        var partner = tenants.Current!;
        var deals = await db.Set<DealRegistration>().AsNoTracking().OrderByDescending(d => d.RegisteredAt).Take(500).ToListAsync(cancellationToken);
        var rate = deals.Any(Earns) ? await discount.RateForAsync(partner.Id, cancellationToken) : 0m;
        return deals.Select(d => Earns(d)
            ? new OwnDeal(d, rate, Math.Round(d.ExpectedArr * rate, Currencies.DecimalsOf(d.Currency), MidpointRounding.AwayFromZero))
            : new OwnDeal(d, null, null)).ToList();
    }

    /// <summary>A won deal earns the deal-registration discount once the platform has approved it.</summary>
    public static bool Earns(DealRegistration deal) => deal is { Stage: DealStage.Won, Review: DealReview.Approved };

    /// <summary>Registers a deal for the current partner; flags it when its customer was registered before.</summary>
    public async Task<ProgramOutcome> RegisterAsync(DealForm form, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var customer = form.Customer?.Trim();
        if (string.IsNullOrEmpty(customer) || customer.Length > MaxCustomerLength) return ProgramOutcome.Refused($"Enter the customer's name (at most {MaxCustomerLength} characters).");
        var key = CustomerNames.Fold(customer);
        if (key.Length == 0) return ProgramOutcome.Refused("Enter the customer's name with at least one letter or digit.");
        if (ParseCurrency(form.Currency) is not { } currency) return ProgramOutcome.Refused("Choose the currency of the expected ARR as a three-letter ISO code, e.g. EUR or USD.");
        if (ParseArr(form.ExpectedArr, currency) is { Error: { } arrError }) return ProgramOutcome.Refused(arrError);
        var arr = ParseArr(form.ExpectedArr, currency).Amount;
        if (ParseStage(form.Stage) is not { } stage) return ProgramOutcome.Refused("Choose the deal's stage from the list.");
        if (CheckCloseDate(form.CloseDate, stage) is { Error: { } dateError }) return ProgramOutcome.Refused(dateError);
        var closeDate = CheckCloseDate(form.CloseDate, stage).Date;

        // Any partner's registration of the customer counts (the partner is told that there is one, not whose).
        var duplicate = await db.Set<DealRegistration>().IgnoreQueryFilters(["Tenant"]).AnyAsync(d => d.CustomerKey == key, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var deal = new DealRegistration
        {
            Customer = customer,
            CustomerKey = key,
            ExpectedArr = arr,
            Currency = currency,
            Stage = stage,
            CloseDate = closeDate,
            PossibleDuplicate = duplicate,
            RegisteredAt = now,
            RegisteredByUserId = byUserId,
            WonAt = stage == DealStage.Won ? now : null,
        };
        db.Add(deal);
        audit.Record("program.deal_registered", $"{customer}: {Currencies.Format(arr, currency)} ARR, {Describe(stage)}, closing {Day(closeDate)}{(duplicate ? " (possible duplicate)" : string.Empty)}");
        await db.SaveChangesAsync(cancellationToken);
        return ProgramOutcome.Did(duplicate
            ? $"The deal with {customer} is registered and waits for review. This customer was registered before, so the platform will check it as a possible duplicate."
            : $"The deal with {customer} is registered and waits for the platform's review.");
    }

    /// <summary>Moves one of the current partner's deals to another stage (and close date); null when the partner has no such deal.</summary>
    public async Task<ProgramOutcome?> UpdateStageAsync(Guid dealId, string? stageText, string? closeDateText, CancellationToken cancellationToken = default)
    {
        var deal = await db.Set<DealRegistration>().FirstOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null) return null;
        if (deal.Review == DealReview.Rejected) return ProgramOutcome.Refused($"The deal with {deal.Customer} was rejected: register it again if something changed.");
        if (!IsOpen(deal.Stage)) return ProgramOutcome.Refused($"The deal with {deal.Customer} is closed ({Describe(deal.Stage).ToLowerInvariant()}); its stage no longer changes.");
        if (ParseStage(stageText) is not { } stage) return ProgramOutcome.Refused("Choose the deal's stage from the list.");
        var (closeDate, dateError) = CheckCloseDate(string.IsNullOrWhiteSpace(closeDateText) ? Day(deal.CloseDate) : closeDateText, stage);
        if (dateError is not null) return ProgramOutcome.Refused(dateError);
        if (stage == deal.Stage && closeDate == deal.CloseDate) return ProgramOutcome.Refused($"The deal with {deal.Customer} is already {Describe(stage).ToLowerInvariant()}, closing {Day(closeDate)}.");

        var before = deal.Stage;
        deal.Stage = stage;
        deal.CloseDate = closeDate;
        if (stage == DealStage.Won) deal.WonAt = time.GetUtcNow().UtcDateTime;
        audit.Record("program.deal_stage_changed", $"{deal.Customer}: {Describe(before)} → {Describe(stage)}, closing {Day(closeDate)}");
        await db.SaveChangesAsync(cancellationToken);
        var earns = stage == DealStage.Won && deal.Review == DealReview.Approved ? " It earns the deal-registration discount." : stage == DealStage.Won ? " Once the platform approves it, it earns the deal-registration discount." : string.Empty;
        return ProgramOutcome.Did($"The deal with {deal.Customer} is now {Describe(stage).ToLowerInvariant()}, closing {Day(closeDate)}.{earns}");
    }

    /// <summary>Every partner's deals for platform admins: waiting ones first, then the latest decided.</summary>
    public async Task<IReadOnlyList<DealUnderReview>> ForReviewAsync(CancellationToken cancellationToken = default)
    {
        // The platform admins' page: it reviews every partner's registrations.
        var all = db.Set<DealRegistration>().IgnoreQueryFilters(["Tenant"]).AsNoTracking();
        var deals = await all.OrderBy(d => d.Review == DealReview.Pending ? 0 : 1).ThenByDescending(d => d.RegisteredAt).Take(200).ToListAsync(cancellationToken);
        var keys = deals.Select(d => d.CustomerKey).Distinct().ToList();
        var same = await all.Where(d => keys.Contains(d.CustomerKey)).ToListAsync(cancellationToken);
        var partnerIds = deals.Concat(same).Select(d => d.TenantId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => partnerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return deals.Select(d => new DealUnderReview(d, names.GetValueOrDefault(d.TenantId, "?"),
            same.Where(s => s.CustomerKey == d.CustomerKey && s.Id != d.Id).OrderBy(s => s.RegisteredAt)
                .Select(s => new SameCustomer(s.Id, names.GetValueOrDefault(s.TenantId, "?"), s.Customer, s.Stage, s.Review, s.RegisteredAt)).ToList())).ToList();
    }

    /// <summary>A platform admin approves (an optional note) or rejects (a required reason) a waiting deal; null when there is no such deal.</summary>
    public async Task<ProgramOutcome?> ReviewAsync(Guid dealId, bool approve, string? reason, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if (await db.PartnerOwningAsync<DealRegistration>(store, d => d.Id == dealId, cancellationToken) is not { } partner) return null;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!approve && reason is null) return ProgramOutcome.Refused("Give the reason for the rejection: the partner reads it.");
        if (reason is { Length: > MaxReasonLength }) return ProgramOutcome.Refused($"Keep the reason to at most {MaxReasonLength} characters.");

        using (tenants.Change(partner))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var review = approve ? DealReview.Approved : DealReview.Rejected;
            // The claim re-checks that the deal still waits: two admins deciding at once decide (and e-mail) once.
            var claimed = await db.Set<DealRegistration>().Where(d => d.Id == dealId && d.Review == DealReview.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Review, review).SetProperty(d => d.ReviewReason, reason).SetProperty(d => d.ReviewedAt, now).SetProperty(d => d.ReviewedByUserId, byUserId), cancellationToken);
            var deal = await db.Set<DealRegistration>().AsNoTracking().SingleAsync(d => d.Id == dealId, cancellationToken);
            if (claimed != 1) return ProgramOutcome.Refused($"The deal of {partner.Name} with {deal.Customer} was {Describe(deal.Review).ToLowerInvariant()} already.");
            audit.Record(approve ? "program.deal_approved" : "program.deal_rejected", $"{deal.Customer}: {Currencies.Format(deal.ExpectedArr, deal.Currency)} ARR{(reason is null ? string.Empty : ". " + reason)}");
            var rate = Earns(deal) ? await discount.RateForAsync(partner.Id, cancellationToken) : 0m;
            await notices.QueueAsync(partner, approve ? "program-deal-approved" : "program-deal-rejected", new Dictionary<string, string?>
            {
                ["customer"] = deal.Customer,
                ["arr"] = Currencies.Format(deal.ExpectedArr, deal.Currency),
                ["stage"] = Describe(deal.Stage),
                ["reason"] = reason,
                ["discount"] = Earns(deal) ? Percent(rate) : null,
            }, "/program/deals", deal.RegisteredByUserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ProgramOutcome.Did(approve
                ? $"The deal of {partner.Name} with {deal.Customer} is approved; the partner is told by e-mail."
                : $"The deal of {partner.Name} with {deal.Customer} is rejected; the partner is told why by e-mail.");
        }
    }

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string? ParseCurrency(string? text) => text?.Trim().ToUpperInvariant() is { } code && Currencies.IsKnown(code) ? code : null;

    public static (decimal Amount, string? Error) ParseArr(string? text, string currency)
    {
        var raw = text?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(raw)) return (0, "Enter the expected annual recurring revenue (ARR) of the deal.");
        if (raw.StartsWith('-')) return (0, "The expected ARR cannot be negative.");
        if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount))
            return (0, "Enter the expected ARR as a number, e.g. 24000 or 24,000.50.");
        if (amount <= 0) return (0, "The expected ARR must be more than zero.");
        if (amount > MaxArr) return (0, $"The expected ARR must be at most {Currencies.Format(MaxArr, currency)}.");
        if (decimal.Round(amount, Currencies.DecimalsOf(currency)) != amount) return (0, $"An amount in {currency} has at most {Currencies.DecimalsOf(currency)} decimals.");
        return (amount, null);
    }

    /// <summary>Stage names as the form sends them; numbers are not stages.</summary>
    public static DealStage? ParseStage(string? text) =>
        Enum.TryParse<DealStage>(text?.Trim(), ignoreCase: true, out var stage) && Enum.IsDefined(stage) && !int.TryParse(text, out _) ? stage : null;

    private (DateOnly Date, string? Error) CheckCloseDate(string? text, DealStage stage)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (default, "Enter the expected close date as a date, e.g. 2027-03-31.");
        var today = Today;
        if (IsOpen(stage) && date < today) return (default, "An open deal closes today or later: move the close date, or mark the deal won or lost.");
        if (date > today.AddYears(5)) return (default, "Choose a close date within five years.");
        if (date < today.AddYears(-5)) return (default, "Choose a close date within the last five years.");
        return (date, null);
    }
}
