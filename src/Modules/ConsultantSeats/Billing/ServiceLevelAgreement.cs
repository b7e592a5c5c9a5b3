using PartnerPortal.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>
/// What a consultant agreed with a client (C10): a monthly fee, payment terms and a grace period.
/// Owned by the client organization (its owners see it beside their invoices); the consultant and
/// their partner are named on it and read it from the partner's host through
/// <see cref="ConsultantBilling"/>, which filters by the consultant.
/// </summary>
public sealed class ServiceLevelAgreement : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client organization.</summary>
    public Guid TenantId { get; set; }

    public Guid ConsultantUserId { get; set; }

    /// <summary>The consultant's partner organization, whose branding the invoices carry.</summary>
    public Guid PartnerId { get; set; }

    public decimal MonthlyFee { get; set; }

    /// <summary>ISO 4217 code (<see cref="Currencies"/>).</summary>
    public required string Currency { get; set; }

    /// <summary>Days from an invoice's issue to its due date (0: due on receipt).</summary>
    public int PaymentTermsDays { get; set; }

    /// <summary>Days after the due date before the consultant is offered suspension as a last resort.</summary>
    public int GracePeriodDays { get; set; }

    /// <summary>The first day covered; the first invoice is issued on it.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>The last day covered, once the consultant ended the SLA; no month after it is invoiced.</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>How the client pays (bank details, a payment link), printed on every invoice.</summary>
    public string? PaymentInstructions { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The month (its first day) of the latest invoice issued. The issuing transaction claims a
    /// month by moving this forward with a conditional update, so a month is invoiced once however
    /// often, and on however many instances, the job runs.
    /// </summary>
    public DateOnly? LastInvoicedPeriod { get; set; }
}
