using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>Tables of log in as client and "who can see my data" (R5, A5).</summary>
internal static class ImpersonationModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ImpersonationTicket>(b =>
        {
            b.ToTable("Resellers_ImpersonationTickets");
            b.Property(t => t.TokenHash).HasMaxLength(64);
            b.Property(t => t.Host).HasMaxLength(253);
            b.Property(t => t.Reason).HasMaxLength(500);
            // Unique per reseller; looked up by the hash alone on the client's host (a token is 256 random bits).
            b.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
            b.HasIndex(t => t.TokenHash);
            b.HasIndex(t => new { t.TenantId, t.ExpiresAt });
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImpersonationSession>(b =>
        {
            b.ToTable("Resellers_ImpersonationSessions");
            b.Property(s => s.ResellerName).HasMaxLength(200);
            b.Property(s => s.UserEmail).HasMaxLength(254);
            b.Property(s => s.Reason).HasMaxLength(500);
            b.Property(s => s.EndReason).HasMaxLength(40);
            b.HasIndex(s => new { s.TenantId, s.StartedAt });
            b.HasIndex(s => new { s.TenantId, s.ResellerId, s.EndedAt });
            b.HasOne<Organization>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImpersonationPolicySetting>(b =>
        {
            b.ToTable("Resellers_ImpersonationPolicies");
            b.HasIndex(p => p.TenantId).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImpersonationRequest>(b =>
        {
            b.ToTable("Resellers_ImpersonationRequests");
            b.Property(r => r.ResellerName).HasMaxLength(200);
            b.Property(r => r.UserEmail).HasMaxLength(254);
            b.Property(r => r.Reason).HasMaxLength(500);
            b.HasIndex(r => new { r.TenantId, r.UserId, r.RequestedAt });
            b.HasOne<Organization>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
