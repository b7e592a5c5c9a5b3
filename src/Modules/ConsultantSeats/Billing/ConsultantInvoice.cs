using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Billing;

public enum InvoiceStatus
{
    /// <summary>Issued, not paid, not yet past its due date.</summary>
    Open = 0,

    /// <summary>Past its due date and not paid (marked by the monthly job).</summary>
    Overdue = 1,

    /// <summary>The consultant recorded the payment.</summary>
    Paid = 2,
}

/// <summary>
/// One month's invoice under an <see cref="ServiceLevelAgreement"/> (C10), owned by the client
/// organization. What the document says (names, amount, instructions) is copied in when it is
/// issued, so a later change of the SLA or of a name never rewrites an invoice already sent.
/// </summary>
public sealed class ConsultantInvoice : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client organization.</summary>
    public Guid TenantId { get; set; }

    public Guid SlaId { get; set; }

    public Guid ConsultantUserId { get; set; }

    public Guid PartnerId { get; set; }

    /// <summary>"NW-2026-0007": the consultant's prefix, the year and the year's sequence (<see cref="InvoiceNumbers"/>).</summary>
    public required string Number { get; set; }

    /// <summary>The first day of the month invoiced.</summary>
    public DateOnly Period { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public int GracePeriodDays { get; set; }

    public InvoiceStatus Status { get; set; }

    public DateTime? OverdueAt { get; set; }

    public DateOnly? PaidOn { get; set; }

    public required string ClientName { get; set; }

    public required string PartnerName { get; set; }

    public required string ConsultantName { get; set; }

    public string? ConsultantEmail { get; set; }

    public string? PaymentInstructions { get; set; }
}
