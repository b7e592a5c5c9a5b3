using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Demo;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// Demo ledger: Northwind is Gold with six earlier months of points from sold MRR (Contoso) and
/// managed MRR (Contoso, and Tailspin shared with a second partner), a certification and a
/// specialization badge, and its tier history (Silver, then Gold four months ago); Adventure Works
/// Consulting shares Tailspin's management and holds two certifications (Silver). The current
/// month is the recalculation's own, from today's facts (with the demo's approved deal and case
/// study, seeded before it by <see cref="PartnerTiersDemo"/>).
/// </summary>
public sealed class ProgramDemo(PortalDbContext db, ITenantContext tenants, ITenantStore store, TierRecalculation recalculation, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var orgs = await db.Organizations.AsNoTracking().Where(o => o.Slug == "northwind" || o.Slug == "contoso" || o.Slug == "tailspin" || o.Slug == "adventure-works")
            .ToDictionaryAsync(o => o.Slug, o => new { o.Id, o.Name }, cancellationToken);
        if (!orgs.TryGetValue("northwind", out var northwind) || !orgs.TryGetValue("contoso", out var contoso) || !orgs.TryGetValue("tailspin", out var tailspin)) return;
        if (await store.FindByIdAsync(northwind.Id, cancellationToken) is not { } partner) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);

        using (tenants.Change(partner))
        {
            db.Add(new PartnerBadge { Name = "Certified partner", Kind = "Certification", EarnedAt = now.AddMonths(-8) });
            db.Add(new PartnerBadge { Name = "Healthcare", Kind = "Industry vertical", EarnedAt = now.AddMonths(-3) });
            db.Add(new ManagedRelationship { AccountId = contoso.Id, StartedAt = now.AddMonths(-7), LastActivityAt = now.AddDays(-2), LastActivityKind = "solutions.published" });
            db.Add(new ManagedRelationship { AccountId = tailspin.Id, StartedAt = now.AddMonths(-6), LastActivityAt = now.AddDays(-5), LastActivityKind = "solutions.rules_changed" });

            // Six earlier months as the recalculation wrote them then: Contoso on the Enterprise plan, Tailspin managed with another partner.
            for (var back = 6; back >= 1; back--)
            {
                var period = thisMonth.AddMonths(-back);
                var sold = 2_000m + (6 - back) * 150m;
                var managedContoso = sold;
                var tailspinMrr = 1_200m;
                var badges = back <= 3 ? 2 : 1;
                var lines = new List<LedgerEntry>
                {
                    Entry(period, PointSource.SoldMrr, $"sold:{contoso.Id}", sold / 100m, contoso.Id, contoso.Name, sold, "USD", sold, 1, $"Sold MRR of {contoso.Name}, {PointsCalculator.Money(sold, "USD")}", now),
                    Entry(period, PointSource.ManagedMrr, $"managed:{contoso.Id}", managedContoso / 100m, contoso.Id, contoso.Name, managedContoso, "USD", managedContoso, 1, $"Managed MRR of {contoso.Name}, {PointsCalculator.Money(managedContoso, "USD")}", now),
                    Entry(period, PointSource.ManagedMrr, $"managed:{tailspin.Id}", 1_200m * 1.08m / 2m / 100m, tailspin.Id, tailspin.Name, tailspinMrr, "EUR", 648m, 2,
                        $"Managed MRR of {tailspin.Name}, 1,200 EUR (1,296 USD), split 2 ways: 648 USD", now),
                    Entry(period, PointSource.Badge, "badge:certified partner", 5m, null, null, null, null, null, 1, "Badge “Certified partner”", now),
                };
                if (badges == 2) lines.Add(Entry(period, PointSource.Badge, "badge:healthcare", 5m, null, null, null, null, null, 1, "Badge “Healthcare”", now));
                db.AddRange(lines);
                var points = lines.Sum(l => l.Points);
                db.Add(new PartnerPeriod
                {
                    Period = period, Points = points, PointsForLowestTier = points, SoldPoints = sold / 100m, SoldAccounts = 1, ManagedPoints = managedContoso / 100m + 6.48m, ManagedAccounts = 2,
                    BadgePoints = badges * 5m, Currency = "USD", Entries = lines.Count,
                });
            }

            db.Add(new TierChange { FromTier = null, ToTier = "Silver", Points = 28m, Period = thisMonth.AddMonths(-9), At = now.AddMonths(-9) });
            db.Add(new TierChange { FromTier = "Silver", ToTier = "Gold", Points = 51.48m, Period = thisMonth.AddMonths(-4), At = now.AddMonths(-4).AddDays(-10) });
            db.Add(new PartnerTier { Tier = "Gold", Rank = 2, Points = 51.48m, Period = thisMonth.AddMonths(-1), ChangedAt = now.AddMonths(-4).AddDays(-10) });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        // Adventure Works shares the management of Tailspin (this month's managed MRR of Tailspin is split
        // two ways) and holds two certifications: Silver from this month's recalculation.
        if (orgs.TryGetValue("adventure-works", out var adventure) && await store.FindByIdAsync(adventure.Id, cancellationToken) is { } second)
        {
            using (tenants.Change(second))
            {
                db.Add(new PartnerBadge { Name = "Certified partner", Kind = "Certification", EarnedAt = now.AddMonths(-2) });
                db.Add(new PartnerBadge { Name = "Sales certification", Kind = "Certification", EarnedAt = now.AddMonths(-1) });
                db.Add(new ManagedRelationship { AccountId = tailspin.Id, StartedAt = now.AddMonths(-6), LastActivityAt = now.AddDays(-3), LastActivityKind = "solutions.published" });
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        // This month is the recalculation's, like every month after it.
        await recalculation.RunPassAsync(now, cancellationToken);
    }

    private static LedgerEntry Entry(DateOnly period, PointSource source, string key, decimal points, Guid? account, string? name, decimal? mrr, string? currency, decimal? programMrr, int split, string description, DateTime now) => new()
    {
        Period = period, Source = source, SourceKey = key, Points = PointsCalculator.Round(points), AccountId = account, AccountName = name, Mrr = mrr, MrrCurrency = currency,
        ProgramMrr = programMrr, SplitWays = split, Description = description, CreatedAt = now,
    };
}
