using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>One source's points on the program page, linking to its entries.</summary>
public sealed record SourcePoints(PointSource Source, string Name, decimal Points, int? Accounts);

/// <summary>The partner's program page (P11, P12), from the tier row and the period totals the recalculation keeps, so it costs the same however long the ledger.</summary>
public sealed record ProgramOverview(
    ProgramSettings Settings,
    PartnerTier? Tier,
    PartnerPeriod? Current,
    IReadOnlyList<SourcePoints> Sources,
    IReadOnlyList<PartnerPeriod> Months,
    IReadOnlyList<TierChange> History,
    NextTier? Next,
    IReadOnlyList<PartnerBadge> Badges,
    IReadOnlyList<ManagedRelationship> Managed,
    int ManagedTotal,
    IReadOnlyDictionary<Guid, string> AccountNames,
    IReadOnlyList<SpecializationProgress> Specializations,
    IReadOnlyList<LedgerEntry> Metrics);

/// <summary>A page of one source's entries for one month.</summary>
public sealed record EntryPage(PointSource Source, DateOnly Period, IReadOnlyList<LedgerEntry> Entries, int PageNumber, bool HasMore, decimal Points);

/// <summary>Hypothetical additions for "what if" (P12), in the program currency.</summary>
public sealed record WhatIf(decimal ManagedMrr, int ManagedAccounts, decimal SoldMrr, int Badges, decimal DealArr, string DealStage);

/// <summary>What "what if" found: the tier the partner would reach and the points behind it, computed as the recalculation computes them.</summary>
public sealed record WhatIfResult(PointsResult Now, PointsResult Then);

/// <summary>
/// The current partner's program: overview, the entries behind each number, "what if" (same
/// calculator as the recalculation, writes nothing) and ending a managed relationship. Everything
/// reads the current tenant's rows only.
/// </summary>
public sealed class ProgramPage(PortalDbContext db, ProgramSettingsStore program, ProgramFacts facts, ITenantContext tenants, Audit.AuditLog audit, TimeProvider time)
{
    /// <summary>The metric lines' keys, <c>metric:{key}</c>, as a range: ';' follows ':'.</summary>
    private const string MetricKeysFrom = "metric:", MetricKeysTo = "metric;";

    public const int EntriesPerPage = 100;

    public static string NameOf(PointSource source) => source switch
    {
        PointSource.SoldMrr => "Sold MRR",
        PointSource.ManagedMrr => "Managed MRR",
        PointSource.Badge => "Badges",
        PointSource.Deal => "Registered deals",
        PointSource.CaseStudy => "Case studies",
        PointSource.Metric => "Other metrics",
        PointSource.Correction => "Corrections",
        PointSource.Referral => "Referral commissions",
        _ => source.ToString(),
    };

    public DateOnly CurrentPeriod
    {
        get
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    public async Task<ProgramOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var settings = await program.GetAsync(cancellationToken);
        var tier = await db.Set<PartnerTier>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var since = CurrentPeriod.AddMonths(-11);
        var months = await db.Set<PartnerPeriod>().AsNoTracking().Where(p => p.Period >= since).OrderByDescending(p => p.Period).ToListAsync(cancellationToken);
        var current = months.FirstOrDefault();
        var history = await db.Set<TierChange>().AsNoTracking().OrderByDescending(t => t.At).Take(20).ToListAsync(cancellationToken);
        var badges = await db.Set<PartnerBadge>().AsNoTracking().Where(b => b.RevokedAt == null).OrderBy(b => b.Name).ToListAsync(cancellationToken);
        var managedQuery = db.Set<ManagedRelationship>().AsNoTracking().Where(r => r.EndedAt == null);
        var managed = await managedQuery.OrderByDescending(r => r.LastActivityAt).Take(50).ToListAsync(cancellationToken);
        var managedTotal = managed.Count < 50 ? managed.Count : await managedQuery.CountAsync(cancellationToken);
        var accountIds = managed.Select(r => r.AccountId).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => accountIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        // Each metric's value, target and weight as the last recalculation wrote them (one entry per metric).
        // A range of the (TenantId, Period, SourceKey) index, "metric:…" keys only: the month's other entries, however many, are not read.
        var metrics = current is null ? [] : await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Period == current.Period && string.Compare(e.SourceKey, MetricKeysFrom) >= 0 && string.Compare(e.SourceKey, MetricKeysTo) < 0 && e.Source == PointSource.Metric)
            .OrderBy(e => e.SourceKey).Take(50).ToListAsync(cancellationToken);

        var sources = current is null ? [] : new List<SourcePoints>
        {
            new(PointSource.SoldMrr, NameOf(PointSource.SoldMrr), current.SoldPoints, current.SoldAccounts),
            new(PointSource.ManagedMrr, NameOf(PointSource.ManagedMrr), current.ManagedPoints, current.ManagedAccounts),
            new(PointSource.Badge, NameOf(PointSource.Badge), current.BadgePoints, null),
            new(PointSource.Deal, NameOf(PointSource.Deal), current.DealPoints, null),
            new(PointSource.CaseStudy, NameOf(PointSource.CaseStudy), current.CaseStudyPoints, null),
            new(PointSource.Metric, NameOf(PointSource.Metric), current.MetricPoints, null),
            new(PointSource.Correction, NameOf(PointSource.Correction), current.CorrectionPoints, null),
        };
        var next = current is null
            ? PointsCalculator.Next(settings, null, 0, 0, null, null)
            : PointsCalculator.Next(settings, PointsCalculator.Reached(settings, current.PointsForLowestTier, current.Points), current.Points, current.PointsForLowestTier,
                current.ManagedAccounts > 0 ? current.ManagedPoints / current.ManagedAccounts : null, current.SoldAccounts > 0 ? current.SoldPoints / current.SoldAccounts : null);
        // Where the partner stands against each specialization, from the facts the recalculation reads (P7).
        var partnerId = tenants.Current!.Id;
        var partnerFacts = (await facts.LoadAsync([partnerId], CurrentPeriod, cancellationToken)).GetValueOrDefault(partnerId) ?? PartnerFacts.Empty(CurrentPeriod);
        return new ProgramOverview(settings, tier, current, sources, months, history, next, badges, managed, managedTotal, names, SpecializationCheck.Evaluate(settings, partnerFacts), metrics);
    }

    /// <summary>One source's entries for one month, a page at a time (by the ledger's own order).</summary>
    public async Task<EntryPage> EntriesAsync(PointSource source, DateOnly period, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var query = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Source == source && e.Period == period);
        var rows = await query.OrderBy(e => e.Id).Skip((page - 1) * EntriesPerPage).Take(EntriesPerPage + 1).ToListAsync(cancellationToken);
        var points = await query.SumAsync(e => e.Points, cancellationToken);
        return new EntryPage(source, period, [.. rows.Take(EntriesPerPage)], page, rows.Count > EntriesPerPage, points);
    }

    /// <summary>The tier the partner would reach with the hypothetical additions; reads, never writes.</summary>
    public async Task<WhatIfResult> WhatIfAsync(WhatIf input, CancellationToken cancellationToken)
    {
        var settings = await program.GetAsync(cancellationToken);
        var partnerId = tenants.Current!.Id;
        var period = CurrentPeriod;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var actual = (await facts.LoadAsync([partnerId], period, cancellationToken)).GetValueOrDefault(partnerId) ?? PartnerFacts.Empty(period);
        var adjustments = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Period == period && (e.Source == PointSource.Correction || e.SourceKey.StartsWith("demo:"))).SumAsync(e => e.Points, cancellationToken);
        actual = actual with { Adjustments = adjustments };
        var tier = await db.Set<PartnerTier>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var state = new TierState(tier?.Tier, tier?.BelowSince);

        var managed = new List<AccountMrr>(actual.Managed);
        var accounts = Math.Max(1, input.ManagedAccounts);
        if (input.ManagedMrr > 0)
            for (var i = 0; i < accounts; i++) managed.Add(new AccountMrr(Guid.NewGuid(), $"Hypothetical managed account {i + 1}", PointsCalculator.Round(input.ManagedMrr / accounts), settings.Currency));
        var sold = new List<AccountMrr>(actual.Sold);
        if (input.SoldMrr > 0) sold.Add(new AccountMrr(Guid.NewGuid(), "Hypothetical sold account", input.SoldMrr, settings.Currency));
        var badges = new List<BadgeFact>(actual.Badges);
        for (var i = 0; i < input.Badges; i++) badges.Add(new BadgeFact(null, $"Hypothetical badge {i + 1}"));
        var deals = new List<DealFact>(actual.Deals);
        if (input.DealArr > 0) deals.Add(new DealFact(null, "Hypothetical deal", input.DealArr, settings.Currency, input.DealStage));

        var then = actual with { Managed = managed, Sold = sold, Badges = badges, Deals = deals };
        // Specializations are earned or lost as the recalculation would (hypothetical MRR has no industry or product line, so it dilutes a specialization's share).
        return new WhatIfResult(PointsCalculator.Calculate(settings, SpecializationCheck.Applied(settings, actual), state, today),
            PointsCalculator.Calculate(settings, SpecializationCheck.Applied(settings, then), state, today));
    }

    /// <summary>The partner ends its managed relationship with an account (P4); false when it is not its own, active one.</summary>
    public async Task<string?> EndRelationshipAsync(Guid relationshipId, CancellationToken cancellationToken)
    {
        var relationship = await db.Set<ManagedRelationship>().FirstOrDefaultAsync(r => r.Id == relationshipId && r.EndedAt == null, cancellationToken);
        if (relationship is null) return null;
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == relationship.AccountId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "the account";
        relationship.EndedAt = time.GetUtcNow().UtcDateTime;
        relationship.EndReason = "Ended by the partner";
        audit.Record("partner_program.managed_ended", $"Managed relationship with {name} ended");
        await db.SaveChangesAsync(cancellationToken);
        return name;
    }
}
