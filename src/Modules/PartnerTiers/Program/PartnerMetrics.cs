using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>What platform admins may record for a metric: its range and whether it is whole or money.</summary>
public sealed record RecordableMetric(string Key, decimal Max, int Decimals, string Range);

/// <summary>A partner's recorded metric as platform admins see it on <c>/platform/program/metrics</c>.</summary>
public sealed record RecordedMetric(Guid PartnerId, string Partner, string Key, string Name, decimal Value, DateTime RecordedAt);

/// <summary>
/// Platform admins record partners' current values of the P5 metrics nothing else measures, checked
/// against each metric's range and audited in the partner's log; they count from the next recalculation.
/// </summary>
public sealed class PartnerMetrics(PortalDbContext db, ITenantContext tenants, ITenantStore store, AuditLog audit, ProgramSettingsStore program, TimeProvider time)
{
    public static readonly IReadOnlyList<RecordableMetric> Recordable =
    [
        new(MetricKeys.InfluenceArr, 1_000_000_000m, 2, "an amount from 0 to 1,000,000,000 with at most two decimals"),
        new(MetricKeys.Satisfaction, 100m, 2, "a percentage from 0 to 100"),
        new(MetricKeys.ProductLines, 100m, 0, "a whole number from 0 to 100"),
        new(MetricKeys.BusinessPlan, 100m, 2, "a percentage from 0 to 100"),
    ];

    /// <summary>The recordable metrics with their names in the program's settings.</summary>
    public async Task<IReadOnlyList<(RecordableMetric Metric, string Name)>> MetricsAsync(CancellationToken cancellationToken = default)
    {
        var settings = await program.GetAsync(cancellationToken);
        return [.. Recordable.Select(m => (m, settings.Metrics.FirstOrDefault(r => r.Key == m.Key)?.Name ?? m.Key))];
    }

    public async Task<IReadOnlyList<RecordedMetric>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = (await MetricsAsync(cancellationToken)).ToDictionary(m => m.Metric.Key, m => m.Name);
        // Cross-tenant on purpose: the platform's list of every partner's recorded values.
        var values = await db.Set<PartnerMetricValue>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().OrderBy(v => v.TenantId).Take(1000).ToListAsync(cancellationToken);
        var ids = values.Select(v => v.TenantId).Distinct().ToList();
        var partners = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return [.. values.Select(v => new RecordedMetric(v.TenantId, partners.GetValueOrDefault(v.TenantId, "?"), v.Key, names.GetValueOrDefault(v.Key, v.Key), v.Value, v.RecordedAt))
            .OrderBy(r => r.Partner).ThenBy(r => r.Name)];
    }

    /// <summary>Each partner's recorded values by metric, for the recalculation's facts; null reads every partner.</summary>
    public static async Task<ILookup<Guid, PartnerMetricValue>> ValuesAsync(PortalDbContext db, IReadOnlyCollection<Guid>? partnerIds, CancellationToken cancellationToken)
    {
        var all = partnerIds is null;
        var ids = partnerIds ?? [];
        return (await db.Set<PartnerMetricValue>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(v => all || ids.Contains(v.TenantId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.TenantId);
    }

    /// <summary>Records a metric's current value for a partner; returns what happened, or the error to show (nothing changed).</summary>
    public async Task<(string? Done, string? Error)> RecordAsync(Guid? partnerId, string? key, string? value, Guid? userId, CancellationToken cancellationToken = default)
    {
        var metric = Recordable.FirstOrDefault(m => m.Key == key);
        if (metric is null) return (null, "Choose the metric from the list.");
        var name = (await MetricsAsync(cancellationToken)).First(m => m.Metric == metric).Name;
        if (!TryParse(value, metric, out var number)) return (null, $"Enter {name} as {metric.Range}.");
        if (partnerId is not { } id || await db.Organizations.AsNoTracking().AnyAsync(o => o.Id == id && o.Kind == OrganizationKind.Partner, cancellationToken) is false
            || await store.FindByIdAsync(id, cancellationToken) is not { } partner)
            return (null, "Choose the partner organization the value is for.");

        using var _ = tenants.Change(partner);
        var row = await db.Set<PartnerMetricValue>().FirstOrDefaultAsync(v => v.Key == metric.Key, cancellationToken);
        var before = row?.Value;
        if (row is null) db.Add(row = new PartnerMetricValue { Key = metric.Key });
        row.Value = number;
        row.RecordedAt = time.GetUtcNow().UtcDateTime;
        row.RecordedByUserId = userId;
        var shown = PointsCalculator.Number(number);
        audit.Record("program.metric_recorded", before is null ? $"{name} recorded: {shown}" : $"{name} recorded: {PointsCalculator.Number(before.Value)} → {shown}");
        await db.SaveChangesAsync(cancellationToken);
        return ($"{name} of {partner.Name} is now {shown}. It counts from the next recalculation.", null);
    }

    private static bool TryParse(string? text, RecordableMetric metric, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var style = metric.Decimals == 0 ? NumberStyles.None : NumberStyles.AllowDecimalPoint;
        if (metric.Key == MetricKeys.InfluenceArr) style |= NumberStyles.AllowThousands;
        return decimal.TryParse(text.Trim().TrimEnd('%').TrimEnd(), style, CultureInfo.InvariantCulture, out value)
            && value >= 0 && value <= metric.Max && decimal.Round(value, metric.Decimals) == value;
    }
}
