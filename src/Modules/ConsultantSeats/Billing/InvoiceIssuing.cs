using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>An SLA as the monthly job reads it: what one month's invoice needs.</summary>
public sealed record DueSla(
    Guid Id,
    Guid ClientId,
    Guid ConsultantUserId,
    Guid PartnerId,
    decimal MonthlyFee,
    string Currency,
    int PaymentTermsDays,
    int GracePeriodDays,
    string? PaymentInstructions);

/// <summary>
/// Issues months' invoices of SLAs (C10), a batch in one transaction: for each SLA it claims the
/// month on the SLA and the consultant's next number, each with a conditional update, and adds the
/// invoice and its audit entry to the client's organization; then it e-mails each client's owners
/// in the consultant's partner branding. A month already claimed issues nothing, so a repeated or
/// concurrent run is harmless; a batch that fails rolls back whole, numbers included, so numbers
/// have no gaps. One transaction per batch rather than per invoice: a commit is the dearest step.
/// </summary>
public sealed class InvoiceIssuing(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    IMailer mailer,
    AuditLog audit,
    TenantUrls urls)
{
    public const string Template = "consultant-invoice";

    private readonly Dictionary<Guid, (string Name, string? Email)> _consultants = [];

    /// <summary>Issues <paramref name="sla"/>'s invoice for the month of <paramref name="today"/>; null when it was issued already or is not due.</summary>
    /// <param name="notify">False only for invoices of the past (demo data): they are not e-mailed now.</param>
    public async Task<ConsultantInvoice?> IssueAsync(DueSla sla, DateOnly today, bool notify = true, CancellationToken cancellationToken = default) =>
        (await IssueAsync([sla], today, notify, cancellationToken)).SingleOrDefault();

    /// <summary>Issues the invoices of <paramref name="batch"/> for the month of <paramref name="today"/> in one transaction; returns those issued (not those issued before).</summary>
    /// <param name="notify">False only for invoices of the past (demo data): they are not e-mailed now.</param>
    public async Task<IReadOnlyList<ConsultantInvoice>> IssueAsync(IReadOnlyList<DueSla> batch, DateOnly today, bool notify = true, CancellationToken cancellationToken = default)
    {
        var period = InvoiceSchedule.PeriodOf(today);
        var issued = new List<(ConsultantInvoice Invoice, TenantInfo Client, TenantInfo Partner)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sla in batch)
        {
            if (await store.FindByIdAsync(sla.ClientId, cancellationToken) is not { } client
                || await store.FindByIdAsync(sla.PartnerId, cancellationToken) is not { } partner)
            {
                continue;
            }

            // The job works for every client: the SLA is claimed by its id, whoever owns it.
            var claimed = await db.Set<ServiceLevelAgreement>().IgnoreQueryFilters(["Tenant"])
                .Where(s => s.Id == sla.Id && s.StartsOn <= today && (s.EndedOn == null || s.EndedOn >= period)
                            && (s.LastInvoicedPeriod == null || s.LastInvoicedPeriod < period))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastInvoicedPeriod, period), cancellationToken);
            if (claimed != 1) continue;

            var consultant = await ConsultantAsync(sla.ConsultantUserId, cancellationToken);
            var number = await ClaimNumberAsync(sla.PartnerId, sla.ConsultantUserId, partner, period.Year, cancellationToken);
            var invoice = new ConsultantInvoice
            {
                TenantId = client.Id,
                SlaId = sla.Id,
                ConsultantUserId = sla.ConsultantUserId,
                PartnerId = sla.PartnerId,
                Number = number,
                Period = period,
                Amount = sla.MonthlyFee,
                Currency = sla.Currency,
                IssuedOn = today,
                DueOn = InvoiceSchedule.DueOn(today, sla.PaymentTermsDays),
                GracePeriodDays = sla.GracePeriodDays,
                ClientName = client.Name,
                PartnerName = partner.Name,
                ConsultantName = consultant.Name,
                ConsultantEmail = consultant.Email,
                PaymentInstructions = sla.PaymentInstructions,
            };
            using (tenants.Change(client))
            {
                db.Add(invoice);
                audit.Record("invoice.issued", $"{number} for {InvoiceSchedule.MonthName(period)}: {Currencies.Format(invoice.Amount, invoice.Currency)}, due {InvoiceSchedule.Date(invoice.DueOn)}, from {consultant.Name} ({partner.Name})");
                await db.SaveChangesAsync(cancellationToken);
            }

            // Saved: tracking it further would only slow every later save of the batch.
            db.ChangeTracker.Clear();
            issued.Add((invoice, client, partner));
        }

        var owners = await OwnersAsync(notify ? issued.Select(i => i.Client.Id).ToList() : [], cancellationToken);
        foreach (var fromPartner in notify ? issued.GroupBy(i => i.Partner.Id) : [])
        {
            var partner = fromPartner.First().Partner;
            // The consultant's partner sends them, in its own branding: the messages are the partner's.
            using (tenants.Change(partner))
            {
                foreach (var (invoice, client, _) in fromPartner)
                {
                    var model = MailModel(invoice, client, partner, invoice.ConsultantEmail);
                    // A reseller's client never reads the platform's name (T4), whoever writes to it: sent as white-labelled then.
                    var sender = client.IsWhiteLabelled && !partner.IsWhiteLabelled ? partner with { ResellerId = client.ResellerId } : partner;
                    foreach (var owner in owners[client.Id]) mailer.Queue(Template, model, owner, sender);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return issued.Select(i => i.Invoice).ToList();
    }

    /// <summary>
    /// The consultant's next number of <paramref name="year"/>, claimed with a conditional update
    /// on their series (compare and set), inside the caller's transaction.
    /// </summary>
    private async Task<string> ClaimNumberAsync(Guid partnerId, Guid consultantUserId, TenantInfo partner, int year, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // The series is the partner's row; the job issues for every partner's consultants.
            var series = await db.Set<InvoiceNumberSeries>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
                .FirstOrDefaultAsync(s => s.TenantId == partnerId && s.ConsultantUserId == consultantUserId, cancellationToken)
                ?? await StartSeriesAsync(partner, consultantUserId, cancellationToken);
            if (series.Year > year)
                throw new InvalidOperationException($"The invoice numbers of this consultant are in {series.Year} already; an invoice of {year} would reuse a number.");

            var next = series.Year == year ? series.LastSequence + 1 : 1;
            var claimed = await db.Set<InvoiceNumberSeries>().IgnoreQueryFilters(["Tenant"])
                .Where(s => s.Id == series.Id && s.Year == series.Year && s.LastSequence == series.LastSequence)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Year, year).SetProperty(x => x.LastSequence, next), cancellationToken);
            if (claimed == 1) return InvoiceNumbers.Format(series.Prefix, year, next);
        }

        throw new InvalidOperationException("The next invoice number could not be claimed: the series kept changing.");
    }

    /// <summary>A consultant's first series, with the partner's initials as prefix until they choose one.</summary>
    private async Task<InvoiceNumberSeries> StartSeriesAsync(TenantInfo partner, Guid consultantUserId, CancellationToken cancellationToken)
    {
        var series = new InvoiceNumberSeries { ConsultantUserId = consultantUserId, Prefix = InvoiceNumbers.DefaultPrefix(partner.Name) };
        using (tenants.Change(partner))
        {
            db.Add(series);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.Entry(series).State = EntityState.Detached;
        return series;
    }

    private Dictionary<string, string?> MailModel(ConsultantInvoice invoice, TenantInfo client, TenantInfo partner, string? consultantEmail)
    {
        var contact = partner.Branding.SupportEmail ?? consultantEmail ?? string.Empty;
        return new Dictionary<string, string?>
        {
            ["client_name"] = client.Name,
            ["partner_name"] = partner.Name,
            ["consultant_name"] = invoice.ConsultantName,
            ["number"] = invoice.Number,
            ["month"] = InvoiceSchedule.MonthName(invoice.Period),
            ["amount"] = Currencies.Format(invoice.Amount, invoice.Currency),
            ["issued_on"] = InvoiceSchedule.Date(invoice.IssuedOn),
            ["due_on"] = InvoiceSchedule.Date(invoice.DueOn),
            ["how_to_pay"] = HowToPay(invoice, contact),
            ["contact"] = contact,
            ["invoice_url"] = urls.For(client, $"/settings/invoices/{invoice.Id}"),
        };
    }

    /// <summary>The SLA's payment instructions, or how to ask for them.</summary>
    public static string HowToPay(ConsultantInvoice invoice, string? contact) =>
        invoice.PaymentInstructions
        ?? $"Pay {invoice.PartnerName} by bank transfer, quoting {invoice.Number}.{(string.IsNullOrEmpty(contact) ? string.Empty : $" Ask {contact} for the account details.")}";

    /// <summary>Each client's owners (active, with an address): invoices are theirs to pay, like the plan (C10).</summary>
    private async Task<ILookup<Guid, MailRecipient>> OwnersAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken)
    {
        if (clientIds.Count == 0) return Array.Empty<MailRecipient>().ToLookup(_ => Guid.Empty);
        // The clients' own owners, read by the job that works for every client.
        var owners = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => clientIds.Contains(m.TenantId) && m.Role == OrganizationRole.Owner && m.DeactivatedAt == null && m.ManagedBy == null && m.User!.Email != null)
            .OrderBy(m => m.User!.Email)
            .Select(m => new { m.TenantId, m.User!.Email, m.User.DisplayName })
            .ToListAsync(cancellationToken);
        return owners.ToLookup(o => o.TenantId, o => new MailRecipient(o.Email!, o.DisplayName));
    }

    private async Task<(string Name, string? Email)> ConsultantAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_consultants.TryGetValue(userId, out var known)) return known;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        var consultant = (Name: string.IsNullOrWhiteSpace(user?.DisplayName) ? user?.Email ?? "Your consultant" : user.DisplayName, user?.Email);
        _consultants[userId] = consultant;
        return consultant;
    }
}
