using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>
/// Demo SLA (C10): Northwind's consultant bills Contoso Dental 300 EUR a month since two months
/// ago, numbered NW-…; the first invoice is paid, the second overdue past its grace period, so
/// the consultant is offered suspension and Contoso's owner sees both on /settings/invoices.
/// </summary>
public sealed class BillingDemo(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    InvoiceIssuing issuing,
    ConsultantBilling billing,
    ConsultantInvoicing job,
    TimeProvider time) : IDemoDataContributor
{
    /// <summary>The demo host's <c>DemoData.ConsultantEmail</c>; the module cannot name the host's type.</summary>
    public const string ConsultantEmail = "consultant@northwind.test";

    public const string Prefix = "NW";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Organizations.Where(o => o.Slug == "northwind" || o.Slug == "contoso").ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var consultantId = await db.Users.Where(u => u.Email == ConsultantEmail).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (consultantId is null || !ids.TryGetValue("northwind", out var northwindId) || !ids.TryGetValue("contoso", out var contosoId)
            || await store.FindByIdAsync(northwindId, cancellationToken) is not { } northwind
            || await store.FindByIdAsync(contosoId, cancellationToken) is not { } contoso)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var first = InvoiceSchedule.PeriodOf(today).AddMonths(-2);
        var consultant = new Consultant(consultantId.Value, northwind);
        await billing.SetPrefixAsync(consultant, Prefix, cancellationToken);
        var sla = new ServiceLevelAgreement
        {
            ConsultantUserId = consultant.UserId,
            PartnerId = northwind.Id,
            MonthlyFee = 300m,
            Currency = "EUR",
            PaymentTermsDays = 14,
            GracePeriodDays = 7,
            StartsOn = first,
            PaymentInstructions = "Bank transfer to Northwind Partners, IBAN NL00 DEMO 0123 4567 89, quoting the invoice number.",
            CreatedAt = now,
        };
        using (tenants.Change(contoso))
        {
            db.Add(sla);
            await db.SaveChangesAsync(cancellationToken);
        }

        var due = new DueSla(sla.Id, contoso.Id, sla.ConsultantUserId, sla.PartnerId, sla.MonthlyFee, sla.Currency, sla.PaymentTermsDays, sla.GracePeriodDays, sla.PaymentInstructions);
        // Invoices of the past, not e-mailed now: seeding runs before the server listens, so no link could name its port yet.
        var paid = await issuing.IssueAsync(due, first, notify: false, cancellationToken)
                   ?? throw new InvalidOperationException("The demo's first invoice was not issued.");
        db.ChangeTracker.Clear();
        await billing.MarkPaidAsync(paid.Id, consultant, InvoiceSchedule.Date(first.AddDays(9)), cancellationToken);
        await issuing.IssueAsync(due, first.AddMonths(1), notify: false, cancellationToken);
        db.ChangeTracker.Clear();
        // Its payment terms and grace period have passed: overdue now, as the job would mark it.
        await job.MarkOverdueAsync(today, now, cancellationToken);
    }
}
