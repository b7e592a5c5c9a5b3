using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;

namespace PartnerPortal.PartnerTiers.Profiles;

/// <summary>The directory profiles' table, <c>PartnerTiers_Profiles</c>.</summary>
internal static class ProfilesModel
{
    public static void Configure(ModelBuilder model) => model.Entity<PartnerProfile>(b =>
    {
        b.ToTable("PartnerTiers_Profiles");
        b.Property(p => p.Summary).HasMaxLength(PartnerProfiles.MaxSummary);
        b.Property(p => p.Regions).HasMaxLength(500);
        b.Property(p => p.Industries).HasMaxLength(1000);
        b.Property(p => p.Website).HasMaxLength(300);
        b.Property(p => p.ContactEmail).HasMaxLength(254);
        // One profile per partner.
        b.HasIndex(p => p.TenantId).IsUnique();
        // The directory reads listed profiles across partners.
        b.HasIndex(p => p.Listed);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    });
}
