using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Certification;

/// <summary>An active certification: with which partner, at which level, until when.</summary>
public sealed record CertifiedWith(Guid CertificationId, Guid PartnerId, string PartnerName, string Level, DateOnly ValidUntil);

/// <summary>A consultant's certification as a seat shows it to the client (A5): whether it holds, in words.</summary>
public sealed record CertificationState(bool Active, string Words)
{
    public static readonly CertificationState None = new(false, "Not certified");
}

/// <summary>One certification on the platform admins' page.</summary>
public sealed record CertificationRow(Guid Id, Guid UserId, string Email, Guid PartnerId, string PartnerName, string Level, DateOnly ValidUntil, DateTime? RevokedAt, string State, bool Active);

/// <summary>What a platform admin asked for on the grant form, as typed.</summary>
public sealed record CertificationGrant(string? Email, Guid? PartnerId, string? Level, string? ValidUntil);

/// <summary>
/// The platform's record of certified consultants (C1): platform admins grant, renew and revoke
/// certifications; every seat asks here whether a person is certified. Certifications are owned by
/// each consultant's partner, and "is this person certified?" is asked on every client's host, so
/// the reads here cross tenants on purpose (the platform's word about a person, not a partner's data).
/// Every change is audited in the partner's log.
/// </summary>
public sealed class Certifications(
    PortalDbContext db,
    UserManager<PortalUser> users,
    ITenantContext tenants,
    ITenantStore store,
    AuditLog audit,
    TimeProvider time)
{
    public const int MaxLevelLength = 100;

    public const string DefaultLevel = "Certified consultant";

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The person's active certifications (unrevoked, not lapsed) with partners they are still an
    /// active member of: only these let them take a new seat.
    /// </summary>
    public async Task<IReadOnlyList<CertifiedWith>> ActiveAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var memberships = db.Memberships.IgnoreQueryFilters(["Tenant"]).Where(m => m.UserId == userId && m.DeactivatedAt == null);
        var certifications = db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.UserId == userId && c.RevokedAt == null && c.ValidUntil >= today);
        var active = await certifications
            .Where(c => memberships.Any(m => m.TenantId == c.TenantId))
            .Join(db.Organizations.Where(o => o.Kind == OrganizationKind.Partner), c => c.TenantId, o => o.Id, (c, o) => new CertifiedWith(c.Id, o.Id, o.Name, c.Level, c.ValidUntil))
            .ToListAsync(cancellationToken);
        return active.OrderBy(c => c.PartnerName, StringComparer.CurrentCultureIgnoreCase).ThenByDescending(c => c.ValidUntil).ToList();
    }

    public async Task<bool> IsCertifiedAsync(Guid userId, Guid partnerId, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(userId, cancellationToken)).Any(c => c.PartnerId == partnerId);

    /// <summary>The certification state of each (partner, consultant) pair, as a client sees it on the seat.</summary>
    public async Task<IReadOnlyDictionary<(Guid PartnerId, Guid UserId), CertificationState>> StatesAsync(IReadOnlyCollection<(Guid PartnerId, Guid UserId)> pairs, CancellationToken cancellationToken = default)
    {
        var userIds = pairs.Select(p => p.UserId).Distinct().ToList();
        var partnerIds = pairs.Select(p => p.PartnerId).Distinct().ToList();
        var rows = userIds.Count == 0 ? [] : await db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => userIds.Contains(c.UserId) && partnerIds.Contains(c.TenantId))
            .ToListAsync(cancellationToken);
        var today = Today;
        return pairs.Distinct().ToDictionary(p => p, p => StateOf(rows.Where(c => c.TenantId == p.PartnerId && c.UserId == p.UserId), today));
    }

    /// <summary>Active beats lapsed; among either, the one that runs longest speaks.</summary>
    public static CertificationState StateOf(IEnumerable<ConsultantCertification> certifications, DateOnly today)
    {
        var all = certifications.ToList();
        if (all.FirstOrDefault(c => c.IsActive(today)) is not null)
        {
            var best = all.Where(c => c.IsActive(today)).MaxBy(c => c.ValidUntil)!;
            return new CertificationState(true, $"Certified ({best.Level}) until {best.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        var last = all.OrderByDescending(c => c.RevokedAt ?? c.ValidUntil.AddDays(1).ToDateTime(TimeOnly.MinValue)).FirstOrDefault();
        return last is null ? CertificationState.None : new CertificationState(false, "Certification " + last.Describe(today));
    }

    /// <summary>The person's certifications with the current (partner) organization, the latest first, whatever their state.</summary>
    public async Task<IReadOnlyList<ConsultantCertification>> HeldHereAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<ConsultantCertification>().AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.ValidUntil).ToListAsync(cancellationToken);

    /// <summary>Every certification on the platform, newest first; <paramref name="search"/> narrows by e-mail or partner name.</summary>
    public async Task<IReadOnlyList<CertificationRow>> ListAsync(string? search, int take = 200, CancellationToken cancellationToken = default)
    {
        var today = Today;
        // The platform admins' page: it lists every partner's certifications.
        var query = db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c, u.Email })
            .Join(db.Organizations, x => x.c.TenantId, o => o.Id, (x, o) => new { x.c, x.Email, PartnerName = o.Name });
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(x => x.Email!.ToLower().Contains(term) || x.PartnerName.ToLower().Contains(term));
        }

        var rows = await query.OrderByDescending(x => x.c.GrantedAt).Take(take).ToListAsync(cancellationToken);
        return rows.Select(x => new CertificationRow(x.c.Id, x.c.UserId, x.Email ?? string.Empty, x.c.TenantId, x.PartnerName, x.c.Level, x.c.ValidUntil, x.c.RevokedAt, x.c.Describe(today), x.c.IsActive(today))).ToList();
    }

    /// <summary>The partner organizations a certification can name, by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PartnersAsync(CancellationToken cancellationToken = default) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Partner).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
        .Select(o => (o.Id, o.Name)).ToList();

    /// <summary>
    /// Certifies a person with a partner they are a member of, until a date; renews the person's
    /// unrevoked certification of the same level with that partner instead of adding a second one.
    /// Returns what happened in words, or the error a platform admin should read (nothing changed).
    /// </summary>
    public async Task<(string? Done, string? Error)> GrantAsync(CertificationGrant grant, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var email = grant.Email?.Trim();
        if (!DeliverableAddress.IsValid(email)) return (null, "Enter the consultant's e-mail address.");
        var level = grant.Level?.Trim();
        if (string.IsNullOrEmpty(level) || level.Length > MaxLevelLength) return (null, $"Enter the level or product of the certification (at most {MaxLevelLength} characters).");
        if (!DateOnly.TryParseExact(grant.ValidUntil?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validUntil))
            return (null, "Enter the expiry date as a date, e.g. 2027-12-31.");
        var today = Today;
        if (validUntil < today) return (null, "Choose an expiry date from today on: a certification that has already lapsed lets no one take a seat.");
        if (validUntil > today.AddYears(10)) return (null, "Choose an expiry date within ten years.");
        if (grant.PartnerId is not { } partnerId || await store.FindByIdAsync(partnerId, cancellationToken) is not { Kind: OrganizationKind.Partner } partner)
            return (null, "Choose the partner organization the consultant works for.");
        var user = await users.FindByEmailAsync(email);
        if (user is null) return (null, $"No one has an account with {email}. They join their partner's team first, then you certify them.");

        using (tenants.Change(partner))
        {
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.DeactivatedAt == null, cancellationToken))
                return (null, $"{email} is not an active member of {partner.Name}. Certify them with a partner they work for.");

            var now = time.GetUtcNow().UtcDateTime;
            var until = validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var existing = await db.Set<ConsultantCertification>().FirstOrDefaultAsync(c => c.UserId == user.Id && c.Level == level && c.RevokedAt == null, cancellationToken);
            string done;
            if (existing is not null)
            {
                existing.ValidUntil = validUntil;
                // A renewed certification is reminded and told of its end afresh.
                existing.ReminderSentAt = null;
                existing.LapsedNoticeSentAt = null;
                audit.Record("consultant.certification_renewed", $"{email}: {level}, valid until {until}");
                done = $"The certification of {email} ({level}) with {partner.Name} now runs until {until}.";
            }
            else
            {
                db.Add(new ConsultantCertification { UserId = user.Id, Level = level, ValidUntil = validUntil, GrantedAt = now, GrantedByUserId = byUserId });
                audit.Record("consultant.certified", $"{email}: {level}, valid until {until}");
                done = $"{email} is certified ({level}) with {partner.Name} until {until}.";
            }

            await db.SaveChangesAsync(cancellationToken);
            return (done, null);
        }
    }

    /// <summary>Revokes a certification with a reason; seats the consultant holds keep working. Null when there is no such certification.</summary>
    public async Task<(string? Done, string? Error)?> RevokeAsync(Guid certificationId, string? reason, Guid byUserId, CancellationToken cancellationToken = default)
    {
        // The platform admins' page names any partner's certification by id.
        var found = await db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.Id == certificationId).Select(c => new { c.TenantId, c.UserId }).FirstOrDefaultAsync(cancellationToken);
        if (found is null || await store.FindByIdAsync(found.TenantId, cancellationToken) is not { } partner) return null;
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Seats.SeatRules.MaxReasonLength)
            return (null, $"Give a reason of at most {Seats.SeatRules.MaxReasonLength} characters: it is kept in the partner's audit log.");

        using (tenants.Change(partner))
        {
            var certification = await db.Set<ConsultantCertification>().SingleAsync(c => c.Id == certificationId, cancellationToken);
            var email = await db.Users.Where(u => u.Id == found.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            if (certification.RevokedAt is not null) return (null, $"The certification of {email} was revoked already.");
            certification.RevokedAt = time.GetUtcNow().UtcDateTime;
            certification.RevokedByUserId = byUserId;
            certification.RevokeReason = reason!.Trim();
            audit.Record("consultant.certification_revoked", $"{email}: {certification.Level}. Reason: {certification.RevokeReason}");
            await db.SaveChangesAsync(cancellationToken);
            return ($"The certification of {email} ({certification.Level}) with {partner.Name} is revoked. Seats they hold keep working; they cannot take new ones.", null);
        }
    }
}
