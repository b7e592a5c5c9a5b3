using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.ConsultantSeats.SignUp;

namespace PartnerPortal.ConsultantSeats;

/// <summary>The seats' tables (certifications, seats, invitations, sign-up links), all prefixed <c>ConsultantSeats_</c>.</summary>
internal static class ConsultantSeatsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ConsultantCertification>(b =>
        {
            b.ToTable("ConsultantSeats_Certifications");
            b.Property(c => c.Level).HasMaxLength(100);
            b.Property(c => c.RevokeReason).HasMaxLength(500);
            b.HasIndex(c => new { c.TenantId, c.UserId });
            // "Is this person certified?" is asked from every client's host, by person.
            b.HasIndex(c => c.UserId);
            b.HasIndex(c => c.ValidUntil);
            b.HasOne<Organization>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ConsultantSeat>(b =>
        {
            b.ToTable("ConsultantSeats_Seats");
            b.Property(s => s.DeactivationReason).HasMaxLength(500);
            b.Property(s => s.EndedHow).HasMaxLength(100);
            b.HasIndex(s => new { s.TenantId, s.WorkspaceId, s.UserId }).IsUnique();
            // The consultant's own page lists their seats across clients; the seat job finds due ends.
            b.HasIndex(s => new { s.UserId, s.PartnerId });
            b.HasIndex(s => s.EndsAt);
            b.HasOne<Organization>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ConsultantInvitation>(b =>
        {
            b.ToTable("ConsultantSeats_Invitations");
            b.Property(i => i.Email).HasMaxLength(254);
            b.Property(i => i.TokenHash).HasMaxLength(64);
            b.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
            b.HasIndex(i => new { i.TenantId, i.WorkspaceId });
            b.HasOne<Organization>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SignUpLink>(b =>
        {
            b.ToTable("ConsultantSeats_SignUpLinks");
            b.Property(l => l.Code).HasMaxLength(32);
            // Looked up by code on the platform host, before any tenant is known.
            b.HasIndex(l => l.Code);
            b.HasIndex(l => new { l.TenantId, l.UserId });
            b.HasOne<Organization>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
