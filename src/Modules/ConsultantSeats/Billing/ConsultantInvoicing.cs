using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>What one pass of the invoicing job did.</summary>
public sealed record InvoicingPass(int Issued, int MarkedOverdue);

/// <summary>
/// The consultants' monthly invoices (C10), job <c>consultant-invoices</c>: runs more often than
/// monthly (hourly by default, <c>ConsultantSeats:InvoiceJobInterval</c>) and issues each active
/// SLA's invoice for the current month once (<see cref="InvoiceIssuing"/>), then marks the unpaid
/// invoices whose payment terms have passed overdue, each once, audited in the client's log.
/// Clients and partners with the module switched off are skipped until it is on again. Suspension
/// is only ever offered to the consultant, never applied here.
/// </summary>
public sealed partial class ConsultantInvoicing(
    PortalDbContext db,
    InvoiceIssuing issuing,
    ITenantStore store,
    ITenantContext tenants,
    AuditLog audit,
    IModuleSwitch switches,
    TimeProvider time,
    ILogger<ConsultantInvoicing> logger) : IPortalJob
{
    public const string JobName = "consultant-invoices";

    /// <summary>SLAs issued per transaction: few commits, and a lock held only briefly.</summary>
    public const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pass = await RunPassAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        return pass.Issued + pass.MarkedOverdue;
    }

    /// <summary>One pass as of <paramref name="now"/> (tests and the benchmark pass a day of their choosing).</summary>
    public async Task<InvoicingPass> RunPassAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(now);
        var period = InvoiceSchedule.PeriodOf(today);
        // Every client's SLAs: the job works for all of them.
        var due = await db.Set<ServiceLevelAgreement>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.StartsOn <= today && (s.EndedOn == null || s.EndedOn >= period) && (s.LastInvoicedPeriod == null || s.LastInvoicedPeriod < period))
            .OrderBy(s => s.Id)
            .Select(s => new DueSla(s.Id, s.TenantId, s.ConsultantUserId, s.PartnerId, s.MonthlyFee, s.Currency, s.PaymentTermsDays, s.GracePeriodDays, s.PaymentInstructions))
            .ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ConsultantSeatsModule.ModuleName, due.SelectMany(s => new[] { s.ClientId, s.PartnerId }), cancellationToken);

        var issued = 0;
        var failed = new List<string>();
        foreach (var batch in due.Where(s => on.Contains(s.ClientId) && on.Contains(s.PartnerId)).Chunk(BatchSize))
        {
            // Each batch is its own unit of work: nothing one leaves tracked is saved with the next.
            db.ChangeTracker.Clear();
            try
            {
                issued += (await issuing.IssueAsync(batch, today, cancellationToken: cancellationToken)).Count;
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The batch rolled back whole; one by one, an SLA that cannot be invoiced holds up no other.
                LogBatchFailed(logger, batch.Length, ex.Message);
            }

            foreach (var sla in batch)
            {
                db.ChangeTracker.Clear();
                try
                {
                    if (await issuing.IssueAsync(sla, today, cancellationToken: cancellationToken) is not null) issued++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogNotIssued(logger, sla.Id, ex.Message);
                    failed.Add($"SLA {sla.Id}: {ex.Message}");
                }
            }
        }

        var overdue = await MarkOverdueAsync(today, now, cancellationToken);
        // Failed as a run, so /platform/jobs shows it and the next run tries again; the rest was issued.
        if (failed.Count > 0) throw new InvalidOperationException($"{failed.Count} SLA(s) could not be invoiced ({issued} were): {string.Join("; ", failed.Take(3))}");
        return new InvoicingPass(issued, overdue);
    }

    /// <summary>Marks every unpaid invoice whose due date was before <paramref name="today"/> overdue, once each; returns how many.</summary>
    public async Task<int> MarkOverdueAsync(DateOnly today, DateTime now, CancellationToken cancellationToken = default)
    {
        var late = await db.Set<ConsultantInvoice>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Open && i.DueOn < today)
            .Select(i => new { i.Id, i.TenantId, i.PartnerId, i.Number, i.DueOn })
            .ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ConsultantSeatsModule.ModuleName, late.SelectMany(i => new[] { i.TenantId, i.PartnerId }), cancellationToken);

        var marked = 0;
        foreach (var invoice in late.Where(i => on.Contains(i.TenantId) && on.Contains(i.PartnerId)))
        {
            if (await store.FindByIdAsync(invoice.TenantId, cancellationToken) is not { } client) continue;
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            using (tenants.Change(client))
            {
                var claimed = await db.Set<ConsultantInvoice>()
                    .Where(i => i.Id == invoice.Id && i.Status == InvoiceStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.Overdue).SetProperty(i => i.OverdueAt, now), cancellationToken);
                if (claimed != 1) continue;
                audit.Record("invoice.overdue", $"{invoice.Number}: not paid by {InvoiceSchedule.Date(invoice.DueOn)}");
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            marked++;
        }

        return marked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} SLAs was rolled back and is issued one by one: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA {SlaId} was not invoiced this pass: {Reason}")]
    private static partial void LogNotIssued(ILogger logger, Guid slaId, string reason);
}
