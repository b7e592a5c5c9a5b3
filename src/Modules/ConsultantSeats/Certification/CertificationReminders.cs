using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Certification;

/// <summary>What one pass of the certification job did.</summary>
public sealed record CertificationPass(int Reminded, int Lapsed);

/// <summary>
/// Job <c>consultant-certifications</c> (C1): e-mails a consultant, in their partner's branding,
/// <see cref="ReminderDays"/> days before their certification ends and once more when it has
/// lapsed. Each e-mail is claimed with a conditional update in the transaction that queues it, so a
/// pass run twice, or by two instances, sends each once; a renewal (a later date) starts afresh.
/// Partners with the module switched off are skipped and reminded once it is on again.
/// </summary>
public sealed class CertificationReminders(
    PortalDbContext db,
    IMailer mailer,
    AuditLog audit,
    ITenantContext tenants,
    ITenantStore store,
    IModuleSwitch switches,
    TenantUrls urls,
    TimeProvider time) : IPortalJob
{
    public const string JobName = "consultant-certifications";

    public const int ReminderDays = 30;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pass = await RunPassAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        return pass.Reminded + pass.Lapsed;
    }

    /// <summary>One pass as of <paramref name="now"/> (tests pass a day in the certification's future).</summary>
    public async Task<CertificationPass> RunPassAsync(DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var remindFrom = today.AddDays(ReminderDays);
        // Every partner's certifications: the job works for all of them.
        var due = await db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.RevokedAt == null && ((c.ValidUntil < today && c.LapsedNoticeSentAt == null) || (c.ValidUntil >= today && c.ValidUntil <= remindFrom && c.ReminderSentAt == null)))
            .Select(c => new { c.Id, c.TenantId, c.ValidUntil })
            .ToListAsync(cancellationToken);
        var on = await switches.OrganizationsOnAsync(ConsultantSeatsModule.ModuleName, due.Select(d => d.TenantId), cancellationToken);

        int reminded = 0, lapsed = 0;
        foreach (var certification in due.Where(d => on.Contains(d.TenantId)))
        {
            db.ChangeTracker.Clear();
            if (await store.FindByIdAsync(certification.TenantId, cancellationToken) is not { } partner) continue;
            var lapsing = certification.ValidUntil < today;
            if (await TellAsync(partner, certification.Id, lapsing, now, cancellationToken))
            {
                if (lapsing) lapsed++;
                else reminded++;
            }
        }

        return new CertificationPass(reminded, lapsed);
    }

    private async Task<bool> TellAsync(TenantInfo partner, Guid certificationId, bool lapsing, DateTime now, CancellationToken cancellationToken)
    {
        using var _ = tenants.Change(partner);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var certifications = db.Set<ConsultantCertification>().Where(c => c.Id == certificationId && c.RevokedAt == null);
        // The claim re-checks what made it due, so a renewal or revocation in between sends nothing.
        var claimed = lapsing
            ? await certifications.Where(c => c.ValidUntil < today && c.LapsedNoticeSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LapsedNoticeSentAt, now).SetProperty(c => c.ReminderSentAt, c => c.ReminderSentAt ?? now), cancellationToken)
            : await certifications.Where(c => c.ValidUntil >= today && c.ValidUntil <= today.AddDays(ReminderDays) && c.ReminderSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderSentAt, now), cancellationToken);
        if (claimed != 1) return false;

        var certification = await db.Set<ConsultantCertification>().AsNoTracking().SingleAsync(c => c.Id == certificationId, cancellationToken);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == certification.UserId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
        var until = certification.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        mailer.Queue(lapsing ? "consultant-certification-lapsed" : "consultant-certification-ending", new Dictionary<string, string?>
        {
            ["consultant_name"] = string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email : person.DisplayName,
            ["level"] = certification.Level,
            ["valid_until"] = until,
            ["days_left"] = Math.Max(0, certification.ValidUntil.DayNumber - today.DayNumber + 1).ToString(CultureInfo.InvariantCulture),
            ["consulting_url"] = urls.For(partner, "/consulting"),
        }, new Mail.MailRecipient(person.Email!));
        audit.Record(lapsing ? "consultant.certification_lapsed" : "consultant.certification_reminder_sent", $"{person.Email}: {certification.Level}, valid until {until}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
