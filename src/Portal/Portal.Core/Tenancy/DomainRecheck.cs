using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;

namespace PartnerPortal.Tenancy;

/// <summary>What one re-check pass did.</summary>
public sealed record DomainRecheckResult(int Checked, int Failing, int Warned);

/// <summary>
/// Re-checks the DNS of every verified custom domain (T2 ★). When a domain stops pointing at the
/// platform (or loses its TXT token) its organization's owners get one e-mail, and the problem is
/// recorded on the domain; once DNS is right again the record clears, so a later break warns
/// again. The domain keeps routing meanwhile: the warning comes before visitors are lost.
/// Job <c>domain-recheck</c>, every <see cref="TenancyOptions.DomainRecheckInterval"/>; a pass run
/// twice, or by two instances at once, still warns once (the warning is claimed by a conditional update).
/// </summary>
public sealed partial class DomainRecheck(
    PortalDbContext db,
    CustomDomains domains,
    ITenantStore store,
    ITenantContext tenants,
    TenantUrls urls,
    IMailer mailer,
    AuditLog audit,
    TimeProvider time,
    ILogger<DomainRecheck> logger) : IPortalJob
{
    public const string JobName = "domain-recheck";

    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await RunPassAsync(cancellationToken)).Checked;

    /// <summary>Checks every verified domain once.</summary>
    public async Task<DomainRecheckResult> RunPassAsync(CancellationToken cancellationToken)
    {
        var ids = await db.OrganizationDomains.AsNoTracking()
            .Where(d => d.VerifiedAt != null)
            .OrderBy(d => d.LastCheckedAt)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);

        int checkedCount = 0, failing = 0, warned = 0;
        foreach (var id in ids)
        {
            // Each domain is its own unit of work, in its own organization's tenant for mail and audit.
            db.ChangeTracker.Clear();
            var outcome = await RecheckAsync(id, cancellationToken);
            if (outcome is Outcome.Skipped) continue;
            checkedCount++;
            if (outcome is Outcome.Failing or Outcome.Warned) failing++;
            if (outcome is Outcome.Warned) warned++;
        }

        return new DomainRecheckResult(checkedCount, failing, warned);
    }

    private enum Outcome
    {
        Skipped,
        Healthy,
        Failing,
        Warned,
    }

    private async Task<Outcome> RecheckAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var domain = await db.OrganizationDomains.AsNoTracking().FirstOrDefaultAsync(d => d.Id == domainId && d.VerifiedAt != null, cancellationToken);
        if (domain is null || domains.IsTrustedLocal(domain.Host)) return Outcome.Skipped;

        var check = await domains.CheckAsync(domain.Host, domain.VerificationToken, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (check.LookupFailed)
        {
            // DNS could not be asked: that says nothing about the domain, so warn nobody.
            LogLookupFailed(logger, domain.Host, string.Join(" ", check.Problems));
            return Outcome.Skipped;
        }

        if (check.Passed)
        {
            await db.OrganizationDomains.Where(d => d.Id == domainId).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LastCheckedAt, now).SetProperty(d => d.DnsProblem, (string?)null).SetProperty(d => d.DnsWarningSentAt, (DateTime?)null),
                cancellationToken);
            return Outcome.Healthy;
        }

        var problem = string.Join(" ", check.Problems);
        if (problem.Length > 1000) problem = problem[..1000];
        await db.OrganizationDomains.Where(d => d.Id == domainId).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.LastCheckedAt, now).SetProperty(d => d.DnsProblem, problem),
            cancellationToken);
        LogDomainFailing(logger, domain.Host, problem);

        return await WarnOnceAsync(domain, check, now, cancellationToken) ? Outcome.Warned : Outcome.Failing;
    }

    private async Task<bool> WarnOnceAsync(OrganizationDomain domain, DomainCheck check, DateTime now, CancellationToken cancellationToken)
    {
        var tenant = await store.FindByIdAsync(domain.OrganizationId, cancellationToken);
        if (tenant is null) return false;

        using var _ = tenants.Change(tenant);
        var owners = await db.Memberships.AsNoTracking()
            .Where(m => m.Role == OrganizationRole.Owner && m.User!.Email != null)
            .Select(m => new { m.User!.Email, m.User.DisplayName })
            .ToListAsync(cancellationToken);
        // Nobody to tell yet (an owner still to accept an invitation): a later pass warns.
        if (owners.Count == 0) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim and the e-mail commit together: a second pass (or instance) finds it claimed,
        // and a pass that fails before the commit leaves it unclaimed for the next one.
        var claimed = await db.OrganizationDomains
            .Where(d => d.Id == domain.Id && d.DnsWarningSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DnsWarningSentAt, now), cancellationToken);
        if (claimed != 1) return false;

        var records = domains.RecordsFor(domain);
        foreach (var owner in owners)
        {
            mailer.Queue("domain-warning", new Dictionary<string, string?>
            {
                ["domain"] = domain.Host,
                ["problem"] = string.Join(" ", check.Problems),
                ["cname_name"] = records[0].Name,
                ["cname_value"] = records[0].Value,
                ["txt_name"] = records[1].Name,
                ["txt_value"] = records[1].Value,
                ["checked_at"] = now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["settings_url"] = urls.For(tenant, "/settings/domains"),
            }, new MailRecipient(owner.Email!, owner.DisplayName));
        }

        audit.Record("domain.dns_warning", $"{domain.Host}: {string.Join(" ", check.Problems)}");
        await db.SaveChangesAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check {Host}: {Problem}")]
    private static partial void LogLookupFailed(ILogger logger, string host, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Custom domain {Host} no longer points at the platform: {Problem}")]
    private static partial void LogDomainFailing(ILogger logger, string host, string problem);
}
