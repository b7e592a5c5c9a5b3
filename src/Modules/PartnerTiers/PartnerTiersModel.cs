using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.PartnerTiers;

/// <summary>The program's tables, all prefixed <c>PartnerTiers_</c> and owned by the partner.</summary>
internal static class PartnerTiersModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<LedgerEntry>(b =>
        {
            b.ToTable("PartnerTiers_LedgerEntries");
            b.Property(e => e.SourceKey).HasMaxLength(200);
            b.Property(e => e.AccountName).HasMaxLength(200);
            b.Property(e => e.MrrCurrency).HasMaxLength(3);
            b.Property(e => e.Description).HasMaxLength(500);
            b.Property(e => e.Points).HasPrecision(18, 2);
            b.Property(e => e.Mrr).HasPrecision(18, 2);
            b.Property(e => e.ProgramMrr).HasPrecision(18, 2);
            // A period's entry per source, once: the recalculation's idempotence rests on it.
            b.HasIndex(e => new { e.TenantId, e.Period, e.SourceKey }).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<LedgerDispute>(b =>
        {
            b.ToTable("PartnerTiers_Disputes");
            b.Property(d => d.Reason).HasMaxLength(1000);
            b.Property(d => d.Resolution).HasMaxLength(1000);
            b.HasIndex(d => new { d.TenantId, d.LedgerEntryId });
            // Platform admins list open disputes across partners.
            b.HasIndex(d => d.Status);
            b.HasOne<Organization>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DealRegistration>(b =>
        {
            b.ToTable("PartnerTiers_Deals");
            b.Property(d => d.Customer).HasMaxLength(200);
            b.Property(d => d.CustomerKey).HasMaxLength(200);
            b.Property(d => d.Currency).HasMaxLength(3);
            b.Property(d => d.ExpectedArr).HasPrecision(18, 2);
            b.Property(d => d.ReviewReason).HasMaxLength(1000);
            b.HasIndex(d => new { d.TenantId, d.RegisteredAt });
            // Duplicates are found by customer across partners; admins list pending deals.
            b.HasIndex(d => d.CustomerKey);
            b.HasIndex(d => d.Review);
            b.HasOne<Organization>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CaseStudy>(b =>
        {
            b.ToTable("PartnerTiers_CaseStudies");
            b.Property(c => c.Customer).HasMaxLength(200);
            b.Property(c => c.Industry).HasMaxLength(100);
            b.Property(c => c.ProductLine).HasMaxLength(100);
            b.Property(c => c.CompanySize).HasMaxLength(100);
            b.Property(c => c.Need).HasMaxLength(4000);
            b.Property(c => c.Solution).HasMaxLength(4000);
            b.Property(c => c.Result).HasMaxLength(4000);
            b.Property(c => c.Testimonial).HasMaxLength(2000);
            b.Property(c => c.ReviewNote).HasMaxLength(1000);
            b.HasIndex(c => new { c.TenantId, c.Status });
            b.HasIndex(c => c.Status);
            b.HasOne<Organization>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
