using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>A consultant at work for their partner: the signed-in user on the partner's host.</summary>
public sealed record Consultant(Guid UserId, TenantInfo Partner);

/// <summary>An SLA with the name of its client.</summary>
public sealed record SlaRow(ServiceLevelAgreement Sla, string ClientName);

/// <summary>
/// A consultant's SLAs and invoices across their clients (C10), seen and changed from their
/// partner's host. SLAs and invoices belong to the clients; this service reads them past the
/// tenant filter only where the consultant and partner on the row are the caller's, and writes
/// each change in its client's organization, audited there. Someone else's id finds nothing.
/// </summary>
public sealed class ConsultantBilling(
    PortalDbContext db,
    IConsultantClients clients,
    ITenantStore store,
    ITenantContext tenants,
    AuditLog audit,
    TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<IReadOnlyList<ConsultantClient>> ClientsAsync(Consultant consultant, CancellationToken cancellationToken = default) =>
        clients.ClientsOfAsync(consultant.UserId, consultant.Partner.Id, cancellationToken);

    public async Task<IReadOnlyList<SlaRow>> SlasAsync(Consultant consultant, CancellationToken cancellationToken = default) =>
        (await Slas(consultant)
            .Join(db.Organizations, s => s.TenantId, o => o.Id, (s, o) => new { Sla = s, o.Name })
            .OrderBy(r => r.Name).ThenBy(r => r.Sla.StartsOn)
            .ToListAsync(cancellationToken))
        .Select(r => new SlaRow(r.Sla, r.Name))
        .ToList();

    public async Task<SlaRow?> FindSlaAsync(Guid slaId, Consultant consultant, CancellationToken cancellationToken = default) =>
        await Slas(consultant).Where(s => s.Id == slaId)
            .Join(db.Organizations, s => s.TenantId, o => o.Id, (s, o) => new SlaRow(s, o.Name))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records an SLA with one of the consultant's clients; returns its id, or what to correct.</summary>
    public async Task<(Guid? SlaId, string? Error)> RecordAsync(Consultant consultant, Guid? clientId, SlaInput input, CancellationToken cancellationToken = default)
    {
        var served = await ClientsAsync(consultant, cancellationToken);
        if (served.FirstOrDefault(c => c.Id == clientId) is not { } chosen) return (null, "Choose one of the clients you serve.");
        var (terms, error) = SlaTerms.Parse(input, Today);
        if (terms is null) return (null, error);
        var today = Today;
        if (await Slas(consultant).AnyAsync(s => s.TenantId == chosen.Id && (s.EndedOn == null || s.EndedOn >= today), cancellationToken))
            return (null, $"You have an SLA with {chosen.Name} already: change that one instead of recording a second.");
        if (await store.FindByIdAsync(chosen.Id, cancellationToken) is not { } client) return (null, "Choose one of the clients you serve.");

        var sla = new ServiceLevelAgreement
        {
            ConsultantUserId = consultant.UserId,
            PartnerId = consultant.Partner.Id,
            Currency = terms.Currency,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        Apply(sla, terms);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (tenants.Change(client))
        {
            db.Add(sla);
            audit.Record("sla.recorded", $"{consultant.Partner.Name}: {Describe(terms)}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureSeriesAsync(consultant, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (sla.Id, null);
    }

    /// <summary>Changes an SLA's terms for the invoices still to come; returns what to correct, or null once saved.</summary>
    public async Task<string?> ChangeAsync(Guid slaId, Consultant consultant, SlaInput input, CancellationToken cancellationToken = default)
    {
        var (terms, error) = SlaTerms.Parse(input, Today);
        if (terms is null) return error;
        return await InClientAsync(slaId, consultant, "sla.changed", sla =>
        {
            if (sla.LastInvoicedPeriod is not null && terms.StartsOn != sla.StartsOn)
                return ($"The start date stays {InvoiceSchedule.Date(sla.StartsOn)}: invoices were issued under it already.", null);
            Apply(sla, terms);
            return (null, $"{consultant.Partner.Name}: {Describe(terms)}");
        }, cancellationToken);
    }

    /// <summary>Ends an SLA today: no month after this one is invoiced. It can be resumed.</summary>
    public Task<string?> EndAsync(Guid slaId, Consultant consultant, CancellationToken cancellationToken = default) =>
        InClientAsync(slaId, consultant, "sla.ended", sla =>
        {
            if (sla.EndedOn is not null) return ("This SLA has ended already.", null);
            sla.EndedOn = Today < sla.StartsOn ? sla.StartsOn : Today;
            return (null, $"{consultant.Partner.Name}: ended on {InvoiceSchedule.Date(sla.EndedOn.Value)}");
        }, cancellationToken);

    public Task<string?> ResumeAsync(Guid slaId, Consultant consultant, CancellationToken cancellationToken = default) =>
        InClientAsync(slaId, consultant, "sla.resumed", sla =>
        {
            if (sla.EndedOn is null) return ("This SLA is running already.", null);
            sla.EndedOn = null;
            return (null, $"{consultant.Partner.Name}: invoiced monthly again");
        }, cancellationToken);

    public async Task<IReadOnlyList<ConsultantInvoice>> InvoicesAsync(Consultant consultant, CancellationToken cancellationToken = default) =>
        await Invoices(consultant).OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.Number).ToListAsync(cancellationToken);

    public Task<ConsultantInvoice?> FindInvoiceAsync(Guid invoiceId, Consultant consultant, CancellationToken cancellationToken = default) =>
        Invoices(consultant).FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);

    /// <summary>Records the payment of an invoice on <paramref name="paidOn"/> (yyyy-MM-dd); returns what to correct, or null once saved.</summary>
    public async Task<string?> MarkPaidAsync(Guid invoiceId, Consultant consultant, string? paidOn, CancellationToken cancellationToken = default)
    {
        if (await FindInvoiceAsync(invoiceId, consultant, cancellationToken) is not { } invoice) return "There is no such invoice.";
        if (!DateOnly.TryParseExact(paidOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return "Enter the day the payment arrived as a date, for example 2026-07-20.";
        if (day < invoice.IssuedOn) return $"The payment cannot have arrived before the invoice was issued ({InvoiceSchedule.Date(invoice.IssuedOn)}).";
        if (day > Today) return "The payment cannot have arrived after today.";
        return await SetStatusAsync(invoice, InvoiceStatus.Paid, day, "invoice.paid",
            $"{invoice.Number}: {Currencies.Format(invoice.Amount, invoice.Currency)} paid on {InvoiceSchedule.Date(day)}", "This invoice is marked paid already.", cancellationToken);
    }

    /// <summary>Takes back a payment recorded by mistake: the invoice is awaiting payment again, or overdue.</summary>
    public async Task<string?> MarkUnpaidAsync(Guid invoiceId, Consultant consultant, CancellationToken cancellationToken = default)
    {
        if (await FindInvoiceAsync(invoiceId, consultant, cancellationToken) is not { } invoice) return "There is no such invoice.";
        var status = InvoiceSchedule.IsOverdue(InvoiceStatus.Open, invoice.DueOn, Today) ? InvoiceStatus.Overdue : InvoiceStatus.Open;
        return await SetStatusAsync(invoice, status, null, "invoice.unpaid", $"{invoice.Number}: the payment was taken back", "This invoice is not marked paid.", cancellationToken);
    }

    /// <summary>The consultant's invoice numbering: their prefix (the partner's initials until they choose) and the last number.</summary>
    public async Task<InvoiceNumberSeries> SeriesAsync(Consultant consultant, CancellationToken cancellationToken = default) =>
        await SeriesOf(consultant).AsNoTracking().FirstOrDefaultAsync(cancellationToken)
        ?? new InvoiceNumberSeries { Prefix = InvoiceNumbers.DefaultPrefix(consultant.Partner.Name) };

    /// <summary>Sets the prefix of the consultant's next invoice numbers; returns what to correct, or null once saved.</summary>
    public async Task<string?> SetPrefixAsync(Consultant consultant, string? prefix, CancellationToken cancellationToken = default)
    {
        if (InvoiceNumbers.NormalizePrefix(prefix) is not { } normalized)
            return $"Use 1 to {InvoiceNumbers.MaxPrefixLength} letters or digits for the prefix, for example NW.";
        using (tenants.Change(consultant.Partner))
        {
            var series = await SeriesOf(consultant).FirstOrDefaultAsync(cancellationToken);
            if (series is null) db.Add(series = new InvoiceNumberSeries { ConsultantUserId = consultant.UserId, Prefix = normalized });
            series.Prefix = normalized;
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    public static string Describe(SlaTerms terms) =>
        $"{Currencies.Format(terms.MonthlyFee, terms.Currency)} a month from {InvoiceSchedule.Date(terms.StartsOn)}, " +
        $"payment {Terms(terms.PaymentTermsDays)}, grace period {Days(terms.GracePeriodDays)}";

    /// <summary>"within 14 days", or "on receipt".</summary>
    public static string Terms(int days) => days == 0 ? "on receipt" : $"within {Days(days)}";

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static void Apply(ServiceLevelAgreement sla, SlaTerms terms)
    {
        sla.MonthlyFee = terms.MonthlyFee;
        sla.Currency = terms.Currency;
        sla.PaymentTermsDays = terms.PaymentTermsDays;
        sla.GracePeriodDays = terms.GracePeriodDays;
        sla.StartsOn = terms.StartsOn;
        sla.PaymentInstructions = terms.PaymentInstructions;
    }

    // The consultant's own rows in every client: the filter below is what makes crossing tenants safe here.
    private IQueryable<ServiceLevelAgreement> Slas(Consultant consultant) =>
        db.Set<ServiceLevelAgreement>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.ConsultantUserId == consultant.UserId && s.PartnerId == consultant.Partner.Id);

    private IQueryable<ConsultantInvoice> Invoices(Consultant consultant) =>
        db.Set<ConsultantInvoice>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(i => i.ConsultantUserId == consultant.UserId && i.PartnerId == consultant.Partner.Id);

    /// <summary>The consultant's series in their partner's organization (the current tenant on the partner's host).</summary>
    private IQueryable<InvoiceNumberSeries> SeriesOf(Consultant consultant) =>
        db.Set<InvoiceNumberSeries>().Where(s => s.ConsultantUserId == consultant.UserId);

    private async Task EnsureSeriesAsync(Consultant consultant, CancellationToken cancellationToken)
    {
        using (tenants.Change(consultant.Partner))
        {
            if (await SeriesOf(consultant).AnyAsync(cancellationToken)) return;
            db.Add(new InvoiceNumberSeries { ConsultantUserId = consultant.UserId, Prefix = InvoiceNumbers.DefaultPrefix(consultant.Partner.Name) });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Loads the consultant's SLA tracked in its client's organization, lets <paramref name="change"/>
    /// refuse (an error) or change it (an audit detail), and saves the change with its audit entry.
    /// </summary>
    private async Task<string?> InClientAsync(Guid slaId, Consultant consultant, string action, Func<ServiceLevelAgreement, (string? Error, string? Detail)> change, CancellationToken cancellationToken)
    {
        if (await FindSlaAsync(slaId, consultant, cancellationToken) is not { } row
            || await store.FindByIdAsync(row.Sla.TenantId, cancellationToken) is not { } client)
        {
            return "There is no such SLA.";
        }

        using (tenants.Change(client))
        {
            var sla = await db.Set<ServiceLevelAgreement>().FirstAsync(s => s.Id == slaId && s.ConsultantUserId == consultant.UserId, cancellationToken);
            var (error, detail) = change(sla);
            if (error is not null) return error;
            audit.Record(action, detail);
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>Moves an invoice to <paramref name="status"/> with a conditional update (once, whoever else clicks), audited in its client's log.</summary>
    private async Task<string?> SetStatusAsync(ConsultantInvoice invoice, InvoiceStatus status, DateOnly? paidOn, string action, string detail, string already, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(invoice.TenantId, cancellationToken) is not { } client) return "There is no such invoice.";
        var fromPaid = status != InvoiceStatus.Paid;
        var overdueAt = status == InvoiceStatus.Overdue ? time.GetUtcNow().UtcDateTime : (DateTime?)null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (tenants.Change(client))
        {
            var rows = db.Set<ConsultantInvoice>().Where(i => i.Id == invoice.Id);
            rows = fromPaid ? rows.Where(i => i.Status == InvoiceStatus.Paid) : rows.Where(i => i.Status != InvoiceStatus.Paid);
            var claimed = await rows.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, status).SetProperty(i => i.PaidOn, paidOn).SetProperty(i => i.OverdueAt, i => overdueAt ?? i.OverdueAt), cancellationToken);
            if (claimed != 1) return already;
            audit.Record(action, detail);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
