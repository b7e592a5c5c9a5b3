using Microsoft.EntityFrameworkCore;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers;

/// <summary>The module's tables, all prefixed <c>Resellers_</c>.</summary>
internal static class ResellersModel
{
    public static void Configure(ModelBuilder model)
    {
        Impersonation.ImpersonationModel.Configure(model);
        model.Entity<ClientRow>(b =>
        {
            b.ToTable("Resellers_ClientRows");
            b.HasKey(r => r.ClientId);
            b.Property(r => r.Name).HasMaxLength(200);
            b.Property(r => r.NameKey).HasMaxLength(200);
            b.Property(r => r.HostKey).HasMaxLength(253);
            b.Property(r => r.ListPrice).HasPrecision(18, 2);
            // One index per sort, each ending in the key, so a page is a range of one index.
            b.HasIndex(r => new { r.TenantId, r.NameKey, r.ClientId });
            b.HasIndex(r => new { r.TenantId, r.HostKey });
            b.HasIndex(r => new { r.TenantId, r.PlanSort, r.NameKey, r.ClientId });
            b.HasIndex(r => new { r.TenantId, r.StatusRank, r.NameKey, r.ClientId });
            b.HasIndex(r => new { r.TenantId, r.ListPrice, r.NameKey, r.ClientId });
            b.HasIndex(r => new { r.TenantId, r.LastActiveAt, r.ClientId });
            b.HasIndex(r => new { r.TenantId, r.CreatedAt, r.ClientId });
        });
        model.Entity<ResellerProfile>(b =>
        {
            b.ToTable("Resellers_Profiles");
            b.HasKey(p => p.TenantId);
            b.Property(p => p.PartnerCode).HasMaxLength(20);
            // Unique across the platform, not per tenant: a code names one reseller to every account (R3).
            // It is generated, never chosen, so the uniqueness tells no tenant anything (see ModelShould).
            b.HasIndex(p => p.PartnerCode).IsUnique();
            // The constraint keeps its name from before the column became TenantId: SQLite renames in place, no table rebuild.
            b.HasOne<PartnerPortal.Accounts.Organization>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("FK_Resellers_Profiles_Organizations_OrganizationId");
        });
        model.Entity<ConnectRequest>(b =>
        {
            b.ToTable("Resellers_ConnectRequests");
            b.Property(r => r.TokenHash).HasMaxLength(64);
            b.HasIndex(r => r.TokenHash);
            b.HasIndex(r => new { r.ResellerId, r.DecidedAt });
            b.HasIndex(r => new { r.TenantId, r.DecidedAt });
        });
        model.Entity<ClientDeletion>(b =>
        {
            b.ToTable("Resellers_ClientDeletions");
            b.Property(d => d.ClientName).HasMaxLength(200);
            b.HasIndex(d => d.ClientId);
            b.HasIndex(d => new { d.PurgedAt, d.PurgeAfter });
            b.HasIndex(d => d.TenantId);
        });
    }
}
