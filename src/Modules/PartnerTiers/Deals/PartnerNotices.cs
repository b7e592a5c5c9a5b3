using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>
/// Tells a partner what the platform decided about its deal, case study or dispute: its active
/// admins and owners, and the person who asked, each once, in the partner's branding. Queued in
/// the unit of work of the decision, so a decision that fails to save sends nothing.
/// </summary>
public sealed class PartnerNotices(PortalDbContext db, IMailer mailer, TenantUrls urls)
{
    /// <summary>Call inside <c>tenants.Change(partner)</c>; <paramref name="path"/> is the partner's page the e-mail links to.</summary>
    public async Task QueueAsync(TenantInfo partner, string template, IReadOnlyDictionary<string, string?> model, string path, Guid? askedBy, CancellationToken cancellationToken)
    {
        var people = await db.Memberships.AsNoTracking()
            .Where(m => m.DeactivatedAt == null && (m.Role >= OrganizationRole.Admin || m.UserId == askedBy))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .Where(e => e != null)
            .Distinct()
            .ToListAsync(cancellationToken);
        var values = new Dictionary<string, string?>(model, StringComparer.Ordinal) { ["page_url"] = urls.For(partner, path) };
        foreach (var email in people.OrderBy(e => e, StringComparer.Ordinal)) mailer.Queue(template, values, new MailRecipient(email!), partner);
    }
}
