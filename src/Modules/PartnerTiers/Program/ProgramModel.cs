using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>The ledger stream's tables: managed relationships, tiers, tier history and badges; and the ledger's own additions.</summary>
internal static class ProgramModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<LedgerEntry>(b =>
        {
            b.Property(e => e.Commission).HasPrecision(18, 2);
            // The program page's drill-down: a partner's entries by source and period.
            b.HasIndex(e => new { e.TenantId, e.Source, e.Period });
        });
        model.Entity<ManagedRelationship>(b =>
        {
            b.ToTable("PartnerTiers_ManagedRelationships");
            b.Property(r => r.LastActivityKind).HasMaxLength(100);
            b.Property(r => r.EndReason).HasMaxLength(300);
            b.HasIndex(r => new { r.TenantId, r.AccountId, r.EndedAt });
            // The split counts the partners managing one account; the job ends idle ones.
            b.HasIndex(r => new { r.AccountId, r.EndedAt });
            b.HasIndex(r => new { r.EndedAt, r.LastActivityAt });
            b.HasOne<Organization>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PartnerTier>(b =>
        {
            b.ToTable("PartnerTiers_Tiers");
            b.Property(t => t.Tier).HasMaxLength(50);
            b.Property(t => t.Points).HasPrecision(18, 2);
            b.HasIndex(t => t.TenantId).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TierChange>(b =>
        {
            b.ToTable("PartnerTiers_TierChanges");
            b.Property(t => t.FromTier).HasMaxLength(50);
            b.Property(t => t.ToTier).HasMaxLength(50);
            b.Property(t => t.Points).HasPrecision(18, 2);
            b.HasIndex(t => new { t.TenantId, t.At });
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PartnerPeriod>(b =>
        {
            b.ToTable("PartnerTiers_Periods");
            b.Property(t => t.Currency).HasMaxLength(3);
            foreach (var p in new[] { nameof(PartnerPeriod.Points), nameof(PartnerPeriod.PointsForLowestTier), nameof(PartnerPeriod.SoldPoints), nameof(PartnerPeriod.ManagedPoints), nameof(PartnerPeriod.BadgePoints),
                         nameof(PartnerPeriod.DealPoints), nameof(PartnerPeriod.CaseStudyPoints), nameof(PartnerPeriod.MetricPoints), nameof(PartnerPeriod.CorrectionPoints), nameof(PartnerPeriod.Commission) })
                b.Property(p).HasPrecision(18, 2);
            b.HasIndex(t => new { t.TenantId, t.Period }).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PartnerBadge>(b =>
        {
            b.ToTable("PartnerTiers_Badges");
            b.Property(t => t.Name).HasMaxLength(100);
            b.Property(t => t.Kind).HasMaxLength(50);
            b.HasIndex(t => new { t.TenantId, t.Name });
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PartnerMetricValue>(b =>
        {
            b.ToTable("PartnerTiers_MetricValues");
            b.Property(v => v.Key).HasMaxLength(50);
            b.Property(v => v.Value).HasPrecision(18, 2);
            b.HasIndex(v => new { v.TenantId, v.Key }).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
