using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>A badge as platform admins see it on <c>/platform/program/badges</c>.</summary>
public sealed record BadgeRow(Guid Id, Guid PartnerId, string Partner, string Name, string Kind, DateTime EarnedAt, bool AutoEarned = false);

/// <summary>
/// Platform admins grant and revoke certification and specialization badges (P5, P7), checked
/// against the program's specializations and audited in the partner's log. A badge counts from the
/// next recalculation and shows at once in the partner's standing (the directory).
/// </summary>
public sealed class Badges(PortalDbContext db, ITenantContext tenants, ITenantStore store, AuditLog audit, ProgramSettingsStore program, TimeProvider time)
{
    public const string Certification = "Certification";

    public async Task<IReadOnlyList<BadgeRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Cross-tenant on purpose: the platform's list of every partner's badges.
        var badges = await db.Set<PartnerBadge>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(b => b.RevokedAt == null)
            .OrderBy(b => b.TenantId).ThenBy(b => b.Name).Take(1000).ToListAsync(cancellationToken);
        var ids = badges.Select(b => b.TenantId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return [.. badges.Select(b => new BadgeRow(b.Id, b.TenantId, names.GetValueOrDefault(b.TenantId, "?"), b.Name, b.Kind, b.EarnedAt, b.AutoEarned)).OrderBy(r => r.Partner).ThenBy(r => r.Name)];
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> PartnersAsync(CancellationToken cancellationToken = default) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Partner).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();

    /// <summary>Grants a badge; returns what happened, or the error to show (nothing changed).</summary>
    public async Task<(string? Done, string? Error)> GrantAsync(Guid? partnerId, string? name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) return (null, "Enter the badge: a certification's name, or one of the program's specializations (at most 100 characters).");
        if (partnerId is not { } id || await db.Organizations.AsNoTracking().AnyAsync(o => o.Id == id && o.Kind == OrganizationKind.Partner, cancellationToken) is false
            || await store.FindByIdAsync(id, cancellationToken) is not { } partner)
            return (null, "Choose the partner organization that earned the badge.");
        var specialization = (await program.GetAsync(cancellationToken)).Specializations.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        using var _ = tenants.Change(partner);
        if (await db.Set<PartnerBadge>().AnyAsync(b => b.Name == (specialization == null ? name : specialization.Name) && b.RevokedAt == null, cancellationToken))
            return (null, $"{partner.Name} already holds “{name}”.");
        var badge = new PartnerBadge { Name = specialization?.Name ?? name, Kind = specialization?.Kind ?? Certification, EarnedAt = time.GetUtcNow().UtcDateTime };
        db.Add(badge);
        audit.Record("partner_program.badge_granted", $"Badge “{badge.Name}” ({badge.Kind}) granted");
        await db.SaveChangesAsync(cancellationToken);
        return ($"{partner.Name} now holds “{badge.Name}” ({badge.Kind}). Its points count from the next recalculation.", null);
    }

    /// <summary>Revokes a badge; null when there is no such active badge.</summary>
    public async Task<string?> RevokeAsync(Guid badgeId, CancellationToken cancellationToken = default)
    {
        var partnerId = await db.Set<PartnerBadge>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(b => b.Id == badgeId && b.RevokedAt == null).Select(b => (Guid?)b.TenantId).FirstOrDefaultAsync(cancellationToken);
        if (partnerId is null || await store.FindByIdAsync(partnerId.Value, cancellationToken) is not { } partner) return null;
        using var _ = tenants.Change(partner);
        var badge = await db.Set<PartnerBadge>().SingleAsync(b => b.Id == badgeId, cancellationToken);
        badge.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Record("partner_program.badge_revoked", $"Badge “{badge.Name}” revoked");
        await db.SaveChangesAsync(cancellationToken);
        // An earned specialization comes back at the next recalculation while its rule holds: say so rather than let the revocation look final.
        return badge.AutoEarned
            ? $"{partner.Name} no longer holds “{badge.Name}”. It was earned automatically, so the next recalculation gives it back while its conditions hold; raise the rule's thresholds on the program page to take it away for good."
            : $"{partner.Name} no longer holds “{badge.Name}”.";
    }
}
