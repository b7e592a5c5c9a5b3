using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>What one pass of the recalculation did: rows written (entries and period totals; tiers), tier changes, relationships ended.</summary>
public sealed record RecalculationPass(int Partners, int EntriesWritten, int TiersWritten, int TierChanges, int RelationshipsEnded)
{
    public int RowsWritten => EntriesWritten + TiersWritten;
}

/// <summary>
/// Job <c>partner-tiers-recalculation</c> (P2–P7, P11, R14): ends idle managed relationships, then
/// for every partner with the module on computes this month's ledger with <see cref="PointsCalculator"/>
/// and upserts it by (partner, period, source), writing nothing where nothing changed; a source
/// that no longer counts keeps its entry at 0 points (a dispute may name it). Then the tier, with
/// demotion grace; a change is recorded in the tier history and e-mailed to the partner's admins in
/// its branding, in the transaction that changes it, so a second run sends nothing.
/// </summary>
public sealed class TierRecalculation(
    PortalDbContext db,
    ProgramFacts facts,
    ProgramSettingsStore program,
    ManagedActivity relationships,
    ITenantContext tenants,
    ITenantStore store,
    IModuleSwitch switches,
    Audit.AuditLog audit,
    IMailer mailer,
    TenantUrls urls,
    TimeProvider time) : IPortalJob
{
    public const string JobName = "partner-tiers-recalculation";

    public const string NoLongerCounts = " — no longer counts";

    private const int PartnersPerTransaction = 100;

    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await RunPassAsync(time.GetUtcNow().UtcDateTime, cancellationToken)).RowsWritten;

    public async Task<RecalculationPass> RunPassAsync(DateTime now, CancellationToken cancellationToken)
    {
        var settings = await program.GetAsync(cancellationToken);
        var ended = await relationships.EndIdleAsync(settings.ManagedInactivityDays, now, cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var period = new DateOnly(today.Year, today.Month, 1);

        var all = await facts.LoadAsync(null, period, cancellationToken);
        var on = await switches.OrganizationsOnAsync(PartnerTiersModule.ModuleName, all.Keys, cancellationToken);
        // Every partner's entries for the period and tiers, once: the comparison needs no query per partner.
        var existing = (await db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(e => e.Period == period).ToListAsync(cancellationToken))
            .ToLookup(e => e.TenantId);
        var tiers = (await db.Set<PartnerTier>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(t => t.TenantId);
        var summaries = (await db.Set<PartnerPeriod>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(p => p.Period == period).ToListAsync(cancellationToken)).ToDictionary(p => p.TenantId);

        int entries = 0, tierRows = 0, changes = 0, inBatch = 0;
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null;
        try
        {
            foreach (var (partnerId, partnerFacts) in all.OrderBy(p => p.Key))
            {
                if (!on.Contains(partnerId)) continue;
                var tier = tiers.GetValueOrDefault(partnerId);
                var own = existing[partnerId].ToList();
                var adjustments = own.Where(e => !IsRecalculated(e)).Sum(e => e.Points);
                // Specializations first (P7): a badge earned or revoked now counts in this month's points. Ids are made here so the ledger names the badge row it will write.
                var (earn, revoke) = SpecializationCheck.Changes(settings, partnerFacts);
                var earned = earn.Select(rule => new PartnerBadge { TenantId = partnerId, Name = rule.Name, Kind = rule.Kind, AutoEarned = true, EarnedAt = now }).ToList();
                var counted = SpecializationCheck.Applied(partnerFacts, earned.Select(b => new BadgeFact(b.Id, b.Name, b.Kind, true)), revoke);
                var result = PointsCalculator.Calculate(settings, counted with { Adjustments = adjustments }, new TierState(tier?.Tier, tier?.BelowSince), today);
                var (added, changed) = Diff(partnerId, period, result.Lines, own, now);
                var summary = Summarize(partnerId, period, settings, result, adjustments, own.Count + added.Count);
                var oldSummary = summaries.GetValueOrDefault(partnerId);
                var summaryChanged = oldSummary is null || !SameSummary(oldSummary, summary);
                var tierChanged = tier is null || tier.Tier != result.Decision.Tier || tier.BelowSince != result.Decision.BelowSince || tier.GraceUntil != result.Decision.GraceUntil
                    || tier.Points != result.Points || tier.Period != period || tier.Rank != settings.RankOf(result.Decision.Tier);
                if (added.Count == 0 && changed.Count == 0 && !tierChanged && !summaryChanged && earned.Count == 0 && revoke.Count == 0) continue;
                if (await store.FindByIdAsync(partnerId, cancellationToken) is not { } partner) continue;

                transaction ??= await db.Database.BeginTransactionAsync(cancellationToken);
                using (tenants.Change(partner))
                {
                    await SaveSpecializationsAsync(earned, revoke, now, cancellationToken);
                    db.AddRange(added);
                    foreach (var entry in changed) db.Update(entry);
                    entries += added.Count + changed.Count;
                    if (summaryChanged)
                    {
                        entries++;
                        if (oldSummary is null) db.Add(summary);
                        else db.Update(CopyInto(oldSummary, summary));
                    }

                    if (tierChanged)
                    {
                        tierRows++;
                        if (await SaveTierAsync(partner, tier, result, settings, period, now, cancellationToken)) changes++;
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }

                if (++inBatch >= PartnersPerTransaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                    inBatch = 0;
                }
            }

            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }

        return new RecalculationPass(all.Count, entries, tierRows, changes, ended);
    }

    /// <summary>Adds the earned specialization badges and revokes the auto-earned ones whose rule no longer holds, audited in the partner's log.</summary>
    private async Task SaveSpecializationsAsync(List<PartnerBadge> earned, IReadOnlyList<BadgeFact> revoke, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var badge in earned)
        {
            db.Add(badge);
            audit.Record("program.specialization_earned", $"Specialization “{badge.Name}” ({badge.Kind}) earned: the program's conditions are met");
        }

        var ids = revoke.Where(b => b.Id is not null).Select(b => b.Id!.Value).ToList();
        if (ids.Count == 0) return;
        foreach (var badge in await db.Set<PartnerBadge>().Where(b => ids.Contains(b.Id) && b.AutoEarned && b.RevokedAt == null).ToListAsync(cancellationToken))
        {
            badge.RevokedAt = now;
            audit.Record("program.specialization_revoked", $"Specialization “{badge.Name}” ({badge.Kind}) revoked: the program's conditions are no longer met");
        }
    }

    /// <summary>The entries to add and the existing ones to change so the period's ledger says what <paramref name="lines"/> say.</summary>
    private static (List<LedgerEntry> Added, List<LedgerEntry> Changed) Diff(Guid partnerId, DateOnly period, IReadOnlyList<LedgerLine> lines, IEnumerable<LedgerEntry> existing, DateTime now)
    {
        var byKey = existing.ToDictionary(e => e.SourceKey, StringComparer.Ordinal);
        var added = new List<LedgerEntry>();
        var changed = new List<LedgerEntry>();
        foreach (var line in lines)
        {
            if (!byKey.Remove(line.SourceKey, out var entry))
            {
                added.Add(new LedgerEntry
                {
                    TenantId = partnerId, Period = period, SourceKey = line.SourceKey, Source = line.Source, Points = line.Points, AccountId = line.AccountId,
                    AccountName = Cut(line.AccountName, 200), Mrr = line.Mrr, MrrCurrency = line.MrrCurrency, ProgramMrr = line.ProgramMrr, SplitWays = line.SplitWays,
                    ReferenceId = line.ReferenceId, Description = Cut(line.Description, 500)!, Commission = line.Commission, CreatedAt = now,
                });
                continue;
            }

            if (Same(entry, line)) continue;
            entry.Source = line.Source;
            entry.Points = line.Points;
            entry.AccountId = line.AccountId;
            entry.AccountName = Cut(line.AccountName, 200);
            entry.Mrr = line.Mrr;
            entry.MrrCurrency = line.MrrCurrency;
            entry.ProgramMrr = line.ProgramMrr;
            entry.SplitWays = line.SplitWays;
            entry.ReferenceId = line.ReferenceId;
            entry.Description = Cut(line.Description, 500)!;
            entry.Commission = line.Commission;
            changed.Add(entry);
        }

        // What no longer counts keeps its line at 0 (the ledger reads as it was; a dispute may name it). Corrections and other streams' keys are not the recalculation's.
        foreach (var stale in byKey.Values.Where(IsRecalculated))
        {
            if (stale.Points == 0 && stale.Commission is null && stale.Description.EndsWith(NoLongerCounts, StringComparison.Ordinal)) continue;
            stale.Points = 0;
            stale.Commission = null;
            stale.Description = Cut(stale.Description, 500 - NoLongerCounts.Length) + NoLongerCounts;
            changed.Add(stale);
        }

        return (added, changed);
    }

    /// <summary>Whether the recalculation owns the entry: not a platform admin's correction, not another stream's demo entry.</summary>
    private static bool IsRecalculated(LedgerEntry e) => e.Source != PointSource.Correction && !e.SourceKey.StartsWith("demo:", StringComparison.Ordinal);

    private static PartnerPeriod Summarize(Guid partnerId, DateOnly period, ProgramSettings settings, PointsResult result, decimal adjustments, int entries)
    {
        decimal Of(PointSource source) => result.PointsOf(source);
        int Count(PointSource source) => result.Lines.Count(l => l.Source == source && l.Points > 0);
        return new PartnerPeriod
        {
            TenantId = partnerId, Period = period, Points = result.Points, PointsForLowestTier = result.PointsForSilver,
            SoldPoints = Of(PointSource.SoldMrr), SoldAccounts = Count(PointSource.SoldMrr), ManagedPoints = Of(PointSource.ManagedMrr), ManagedAccounts = Count(PointSource.ManagedMrr),
            BadgePoints = Of(PointSource.Badge), DealPoints = Of(PointSource.Deal), CaseStudyPoints = Of(PointSource.CaseStudy), MetricPoints = Of(PointSource.Metric),
            CorrectionPoints = adjustments, Commission = result.Lines.Sum(l => l.Commission ?? 0m), Currency = settings.Currency, Entries = entries,
        };
    }

    private static bool SameSummary(PartnerPeriod a, PartnerPeriod b) =>
        a.Points == b.Points && a.PointsForLowestTier == b.PointsForLowestTier && a.SoldPoints == b.SoldPoints && a.SoldAccounts == b.SoldAccounts && a.ManagedPoints == b.ManagedPoints
        && a.ManagedAccounts == b.ManagedAccounts && a.BadgePoints == b.BadgePoints && a.DealPoints == b.DealPoints && a.CaseStudyPoints == b.CaseStudyPoints
        && a.MetricPoints == b.MetricPoints && a.CorrectionPoints == b.CorrectionPoints && a.Commission == b.Commission && a.Currency == b.Currency && a.Entries == b.Entries;

    private static PartnerPeriod CopyInto(PartnerPeriod row, PartnerPeriod from)
    {
        row.Points = from.Points; row.PointsForLowestTier = from.PointsForLowestTier; row.SoldPoints = from.SoldPoints; row.SoldAccounts = from.SoldAccounts;
        row.ManagedPoints = from.ManagedPoints; row.ManagedAccounts = from.ManagedAccounts; row.BadgePoints = from.BadgePoints; row.DealPoints = from.DealPoints;
        row.CaseStudyPoints = from.CaseStudyPoints; row.MetricPoints = from.MetricPoints; row.CorrectionPoints = from.CorrectionPoints; row.Commission = from.Commission;
        row.Currency = from.Currency; row.Entries = from.Entries;
        return row;
    }

    private static bool Same(LedgerEntry e, LedgerLine l) =>
        e.Source == l.Source && e.Points == l.Points && e.AccountId == l.AccountId && e.AccountName == Cut(l.AccountName, 200) && e.Mrr == l.Mrr && e.MrrCurrency == l.MrrCurrency
        && e.ProgramMrr == l.ProgramMrr && e.SplitWays == l.SplitWays && e.ReferenceId == l.ReferenceId && e.Description == Cut(l.Description, 500) && e.Commission == l.Commission;

    private static string? Cut(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;

    /// <summary>Writes the tier row; true (with history and e-mail) when the tier itself changed.</summary>
    private async Task<bool> SaveTierAsync(TenantInfo partner, PartnerTier? row, PointsResult result, ProgramSettings settings, DateOnly period, DateTime now, CancellationToken cancellationToken)
    {
        var from = row?.Tier;
        if (row is null) db.Add(row = new PartnerTier { TenantId = partner.Id, ChangedAt = now });
        else db.Attach(row);
        row.Points = result.Points;
        row.Period = period;
        row.BelowSince = result.Decision.BelowSince;
        row.GraceUntil = result.Decision.GraceUntil;
        row.Rank = settings.RankOf(result.Decision.Tier);
        if (from == result.Decision.Tier) return false;

        row.Tier = result.Decision.Tier;
        row.ChangedAt = now;
        db.Add(new TierChange { TenantId = partner.Id, FromTier = from, ToTier = row.Tier, Points = result.Points, Period = period, At = now });
        var admins = await db.Memberships.AsNoTracking().Where(m => m.DeactivatedAt == null && m.Role >= OrganizationRole.Admin && m.User!.Email != null)
            .Select(m => new { m.User!.Email, m.User.DisplayName }).ToListAsync(cancellationToken);
        var up = settings.RankOf(row.Tier) > settings.RankOf(from);
        foreach (var admin in admins)
            mailer.Queue("partner-tier-changed", new Dictionary<string, string?>
            {
                ["name"] = string.IsNullOrWhiteSpace(admin.DisplayName) ? admin.Email : admin.DisplayName,
                ["partner_name"] = partner.Name,
                ["from_tier"] = from ?? "no tier",
                ["to_tier"] = row.Tier ?? "no tier",
                ["promoted"] = up ? "true" : "",
                ["points"] = result.Points.ToString("#,##0.##", CultureInfo.InvariantCulture),
                ["program_url"] = urls.For(partner, "/program"),
            }, new MailRecipient(admin.Email!), partner);
        return true;
    }
}
