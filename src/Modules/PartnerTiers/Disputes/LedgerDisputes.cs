using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Disputes;

/// <summary>A dispute with the entry it is about (and the correction, once accepted).</summary>
public sealed record DisputeRow(LedgerDispute Dispute, LedgerEntry Entry, LedgerEntry? Correction, string PartnerName);

/// <summary>
/// Disputes of ledger entries (P12): a partner's member disputes one of its entries with a reason
/// (one open dispute per entry); a platform admin accepts it, writing a correcting entry of the
/// points they choose in the disputed entry's month, or rejects it with a reason. Both sides are
/// audited in the partner's log and every decision is e-mailed to the partner's admins in its branding.
/// </summary>
public sealed class LedgerDisputes(PortalDbContext db, ITenantContext tenants, ITenantStore store, AuditLog audit, PartnerNotices notices, TimeProvider time)
{
    public const int MaxTextLength = 1000;

    public const decimal MaxCorrection = 1_000_000m;

    public static string Describe(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "Open",
        DisputeStatus.Accepted => "Accepted",
        DisputeStatus.Rejected => "Rejected",
        _ => "Unknown",
    };

    public static string Points(decimal points) => points.ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string Month(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The current partner's latest ledger entries, to pick one to dispute.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> RecentEntriesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<LedgerEntry>().AsNoTracking().OrderByDescending(e => e.Period).ThenByDescending(e => e.CreatedAt).Take(100).ToListAsync(cancellationToken);

    /// <summary>One of the current partner's ledger entries, or null.</summary>
    public Task<LedgerEntry?> EntryAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);

    /// <summary>The current partner's disputes, open ones first.</summary>
    public async Task<IReadOnlyList<DisputeRow>> OwnAsync(CancellationToken cancellationToken = default)
    {
        var disputes = await db.Set<LedgerDispute>().AsNoTracking().OrderBy(d => d.Status == DisputeStatus.Open ? 0 : 1).ThenByDescending(d => d.RaisedAt).Take(200).ToListAsync(cancellationToken);
        return await RowsAsync(db.Set<LedgerEntry>().AsNoTracking(), disputes, cancellationToken);
    }

    /// <summary>Every partner's disputes for platform admins: open ones first.</summary>
    public async Task<IReadOnlyList<DisputeRow>> ForReviewAsync(CancellationToken cancellationToken = default)
    {
        // The platform admins' page: it resolves every partner's disputes.
        var disputes = await db.Set<LedgerDispute>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .OrderBy(d => d.Status == DisputeStatus.Open ? 0 : 1).ThenByDescending(d => d.RaisedAt).Take(200).ToListAsync(cancellationToken);
        return await RowsAsync(db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).AsNoTracking(), disputes, cancellationToken);
    }

    /// <summary>Disputes one of the current partner's entries; null when the partner has no such entry.</summary>
    public async Task<ProgramOutcome?> RaiseAsync(Guid entryId, string? reason, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var entry = await EntryAsync(entryId, cancellationToken);
        if (entry is null) return null;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxTextLength) return ProgramOutcome.Refused($"Say why the entry is wrong (at most {MaxTextLength} characters): the platform reads it.");
        if (await db.Set<LedgerDispute>().AnyAsync(d => d.LedgerEntryId == entryId && d.Status == DisputeStatus.Open, cancellationToken))
            return ProgramOutcome.Refused($"“{entry.Description}” is disputed already; the platform answers that dispute first.");
        db.Add(new LedgerDispute { LedgerEntryId = entryId, Reason = reason, RaisedAt = time.GetUtcNow().UtcDateTime, RaisedByUserId = byUserId });
        audit.Record("program.dispute_raised", $"{entry.Description} ({Month(entry.Period)}, {Points(entry.Points)} points): {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return ProgramOutcome.Did($"Your dispute of “{entry.Description}” is sent; the platform answers by e-mail.");
    }

    /// <summary>
    /// A platform admin accepts an open dispute with a correcting entry of <paramref name="pointsText"/>
    /// points (negative takes points away; <paramref name="confirmed"/>, as it cannot be undone), or
    /// rejects it with a reason; null when there is no such dispute.
    /// </summary>
    public async Task<ProgramOutcome?> ResolveAsync(Guid disputeId, bool accept, string? pointsText, string? note, bool confirmed, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if (await db.PartnerOwningAsync<LedgerDispute>(store, d => d.Id == disputeId, cancellationToken) is not { } partner) return null;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxTextLength }) return ProgramOutcome.Refused($"Keep the text to at most {MaxTextLength} characters.");
        decimal points = 0;
        if (accept)
        {
            var raw = pointsText?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out points))
                return ProgramOutcome.Refused("Enter the correction in points, e.g. 12 to add or -12 to take away.");
            if (points == 0) return ProgramOutcome.Refused("A correction of 0 points changes nothing: enter the points to add or take away, or reject the dispute.");
            if (Math.Abs(points) > MaxCorrection) return ProgramOutcome.Refused($"A correction is at most {Points(MaxCorrection)} points either way.");
            if (decimal.Round(points, 2) != points) return ProgramOutcome.Refused("Points have at most two decimals.");
            if (!confirmed) return ProgramOutcome.Refused("Tick the box to confirm the correction: it goes into the partner's ledger and cannot be taken back.");
        }
        else if (note is null) return ProgramOutcome.Refused("Give the reason for the rejection: the partner reads it.");

        using (tenants.Change(partner))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var status = accept ? DisputeStatus.Accepted : DisputeStatus.Rejected;
            var resolution = note ?? $"Corrected by {Signed(points)} points.";
            Guid? correctionId = accept ? Guid.CreateVersion7() : null;
            // The claim re-checks that the dispute is still open: two admins resolving at once write one correction and one e-mail.
            var claimed = await db.Set<LedgerDispute>().Where(d => d.Id == disputeId && d.Status == DisputeStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.Resolution, resolution).SetProperty(d => d.ResolvedAt, now)
                    .SetProperty(d => d.ResolvedByUserId, byUserId).SetProperty(d => d.CorrectionEntryId, correctionId), cancellationToken);
            var dispute = await db.Set<LedgerDispute>().AsNoTracking().SingleAsync(d => d.Id == disputeId, cancellationToken);
            var entry = await db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Id == dispute.LedgerEntryId, cancellationToken);
            if (claimed != 1) return ProgramOutcome.Refused($"The dispute of {partner.Name} about “{entry.Description}” was {Describe(dispute.Status).ToLowerInvariant()} already.");
            if (correctionId is { } id)
            {
                var description = $"Correction of “{entry.Description}” after a dispute: {Signed(points)} points";
                db.Add(new LedgerEntry
                {
                    Id = id,
                    Period = entry.Period,
                    Source = PointSource.Correction,
                    // Unique per dispute, so the recalculation never writes over it.
                    SourceKey = $"correction:{dispute.Id}",
                    Points = points,
                    AccountId = entry.AccountId,
                    AccountName = entry.AccountName,
                    ReferenceId = dispute.Id,
                    CorrectsEntryId = entry.Id,
                    Description = description.Length > 500 ? description[..499] + "…" : description,
                    CreatedAt = now,
                });
                // The month's totals show the correction at once: a past month is never recalculated, and
                // this month's next pass counts it again from the entries, to the same sum.
                await db.Set<Program.PartnerPeriod>().Where(p => p.Period == entry.Period).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Points, p => p.Points + points).SetProperty(p => p.PointsForLowestTier, p => p.PointsForLowestTier + points)
                    .SetProperty(p => p.CorrectionPoints, p => p.CorrectionPoints + points).SetProperty(p => p.Entries, p => p.Entries + 1), cancellationToken);
            }

            audit.Record(accept ? "program.dispute_accepted" : "program.dispute_rejected",
                $"{entry.Description} ({Month(entry.Period)}){(accept ? $": corrected by {Signed(points)} points" : string.Empty)}. {dispute.Resolution}");
            await notices.QueueAsync(partner, accept ? "program-dispute-accepted" : "program-dispute-rejected", new Dictionary<string, string?>
            {
                ["entry"] = entry.Description,
                ["month"] = Month(entry.Period),
                ["points"] = accept ? Signed(points) : null,
                ["resolution"] = dispute.Resolution,
            }, "/program/disputes", dispute.RaisedByUserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ProgramOutcome.Did(accept
                ? $"The dispute of {partner.Name} is accepted: {Signed(points)} points in {Month(entry.Period)}. The partner is told by e-mail."
                : $"The dispute of {partner.Name} is rejected; the partner reads your reason in an e-mail.");
        }
    }

    public static string Signed(decimal points) => (points > 0 ? "+" : string.Empty) + Points(points);

    private async Task<IReadOnlyList<DisputeRow>> RowsAsync(IQueryable<LedgerEntry> entries, IReadOnlyList<LedgerDispute> disputes, CancellationToken cancellationToken)
    {
        var ids = disputes.Select(d => d.LedgerEntryId).Concat(disputes.Where(d => d.CorrectionEntryId != null).Select(d => d.CorrectionEntryId!.Value)).Distinct().ToList();
        var found = await entries.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var partnerIds = disputes.Select(d => d.TenantId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => partnerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return disputes.Where(d => found.ContainsKey(d.LedgerEntryId))
            .Select(d => new DisputeRow(d, found[d.LedgerEntryId], d.CorrectionEntryId is { } c ? found.GetValueOrDefault(c) : null, names.GetValueOrDefault(d.TenantId, "?"))).ToList();
    }
}
