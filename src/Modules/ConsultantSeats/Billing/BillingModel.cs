using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>The SLA and invoice tables (C10), prefixed <c>ConsultantSeats_</c>.</summary>
internal static class BillingModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ServiceLevelAgreement>(b =>
        {
            b.ToTable("ConsultantSeats_Slas");
            b.Property(s => s.MonthlyFee).HasPrecision(18, 3);
            b.Property(s => s.Currency).HasMaxLength(3);
            b.Property(s => s.PaymentInstructions).HasMaxLength(SlaTerms.MaxInstructions);
            b.HasIndex(s => new { s.TenantId, s.ConsultantUserId });
            // The consultant's view across clients, and the job's look for what is due this month.
            b.HasIndex(s => new { s.ConsultantUserId, s.PartnerId });
            b.HasIndex(s => s.LastInvoicedPeriod);
            b.HasOne<Organization>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ConsultantInvoice>(b =>
        {
            b.ToTable("ConsultantSeats_Invoices");
            b.Property(i => i.Number).HasMaxLength(32);
            b.Property(i => i.Amount).HasPrecision(18, 3);
            b.Property(i => i.Currency).HasMaxLength(3);
            b.Property(i => i.ClientName).HasMaxLength(200);
            b.Property(i => i.PartnerName).HasMaxLength(200);
            b.Property(i => i.ConsultantName).HasMaxLength(256);
            b.Property(i => i.ConsultantEmail).HasMaxLength(256);
            b.Property(i => i.PaymentInstructions).HasMaxLength(SlaTerms.MaxInstructions);
            // A month of an SLA is invoiced once; the SLA's claim says so first, this index last.
            b.HasIndex(i => new { i.TenantId, i.SlaId, i.Period }).IsUnique();
            b.HasIndex(i => new { i.TenantId, i.IssuedOn });
            b.HasIndex(i => new { i.ConsultantUserId, i.PartnerId, i.IssuedOn });
            b.HasIndex(i => new { i.Status, i.DueOn });
            // No key to the SLA: the organization cascades to both, and SQL Server refuses two paths.
            b.HasOne<Organization>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<InvoiceNumberSeries>(b =>
        {
            b.ToTable("ConsultantSeats_InvoiceNumbers");
            b.Property(s => s.Prefix).HasMaxLength(InvoiceNumbers.MaxPrefixLength);
            b.HasIndex(s => new { s.TenantId, s.ConsultantUserId }).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
