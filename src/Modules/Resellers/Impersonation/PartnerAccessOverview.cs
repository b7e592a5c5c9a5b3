using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// "Who can see my data" (A5) for the current organization: the partners with an active link, the
/// partner people who can enter it, every impersonation; and revoking a partner's access. Reads
/// partner memberships across tenants, but only of partners linked to this organization.
/// </summary>
public sealed class PartnerAccessOverview(
    PortalDbContext db,
    Tenancy.ITenantContext tenants,
    ImpersonationSessions sessions,
    AuditLog audit,
    IPortalEvents events,
    TimeProvider time)
{
    public const string AccessRevokedEvent = "resellers.access-revoked";

    public sealed record Person(Guid UserId, string Email, string? Name, string Role, DateTime Since, DateTime? LastActivity);

    public sealed record Partner(Guid Id, string Name, DateTime Since, IReadOnlyList<Person> People);

    public async Task<IReadOnlyList<Partner>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        var clientId = tenants.Current!.Id;
        var links = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == clientId && l.EndedAt == null)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { l.PartnerId, l.Partner!.Name, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var partnerIds = links.Select(l => l.PartnerId).ToList();

        // Cross-tenant on purpose: the people of the partners linked to this organization (just read above).
        // The assignments are a query of their own: a filter bypass cannot be spelled inside the lambda.
        var assignedHere = db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).Where(a => partnerIds.Contains(a.TenantId) && a.ClientId == clientId);
        var people = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => partnerIds.Contains(m.TenantId) && m.DeactivatedAt == null)
            .Where(m => m.Role >= OrganizationRole.Admin || assignedHere.Any(a => a.TenantId == m.TenantId && a.UserId == m.UserId))
            .Select(m => new { m.TenantId, m.UserId, m.User!.Email, m.User.DisplayName, m.Role, m.SupportSpecialist, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var lastActivity = await db.Set<ImpersonationSession>().AsNoTracking()
            .GroupBy(s => new { s.ResellerId, s.UserId })
            .Select(g => new { g.Key.ResellerId, g.Key.UserId, Last = g.Max(s => s.LastSeenAt) })
            .ToListAsync(cancellationToken);

        return links.Select(l => new Partner(l.PartnerId, l.Name, l.CreatedAt, people
            .Where(p => p.TenantId == l.PartnerId)
            .OrderByDescending(p => p.Role).ThenBy(p => p.Email)
            .Select(p => new Person(p.UserId, p.Email ?? string.Empty, p.DisplayName, RoleText(p.Role, p.SupportSpecialist), p.CreatedAt,
                lastActivity.Where(a => a.ResellerId == l.PartnerId && a.UserId == p.UserId).Select(a => (DateTime?)a.Last).FirstOrDefault()))
            .ToList())).ToList();
    }

    public async Task<IReadOnlyList<ImpersonationSession>> ImpersonationsAsync(int take = 200, CancellationToken cancellationToken = default) =>
        await db.Set<ImpersonationSession>().AsNoTracking().OrderByDescending(s => s.StartedAt).Take(take).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ImpersonationRequest>> RequestsAsync(int take = 50, CancellationToken cancellationToken = default) =>
        await db.Set<ImpersonationRequest>().AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(take).ToListAsync(cancellationToken);

    /// <summary>The name of a partner that has access to the current account now, or null.</summary>
    public Task<string?> PartnerNameAsync(Guid partnerId, CancellationToken cancellationToken = default) =>
        db.PartnerClientLinks.Where(l => l.ClientId == tenants.Current!.Id && l.PartnerId == partnerId && l.EndedAt == null)
            .Select(l => l.Partner!.Name).FirstOrDefaultAsync(cancellationToken);

    /// <summary>What a revoke ended, so its Undo (sealed in an <see cref="UndoTokens"/> token) opens the very same link again.</summary>
    public sealed record RevokedAccess(Guid PartnerId, string PartnerName, Guid LinkId, DateTime RevokedAt);

    public const string RevokeUndoPurpose = "partner.access-revoked";

    /// <summary>
    /// Ends the partner's link to this organization (P4: the managed relationship ends with it),
    /// ends its running impersonations, audits and tells other modules. Null when no active link.
    /// </summary>
    public async Task<RevokedAccess?> RevokeAsync(Guid partnerId, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var client = tenants.Current!;
        var link = await db.PartnerClientLinks.Include(l => l.Partner)
            .SingleOrDefaultAsync(l => l.ClientId == client.Id && l.PartnerId == partnerId && l.EndedAt == null, cancellationToken);
        if (link is null) return null;

        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            link.EndedAt = now;
            audit.Record("partner.access_revoked", $"Access of partner {link.Partner!.Name} revoked");
            await db.SaveChangesAsync(cancellationToken);
            await sessions.EndAllOfAsync(partnerId, ImpersonationEndReasons.AccessRevoked, cancellationToken);
            await events.PublishAsync(new PortalEvent(client.Id, byUserId, KernelEvents.PartnerLinkChanged, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await events.PublishAsync(new PortalEvent(client.Id, byUserId, AccessRevokedEvent, now), cancellationToken);
        return new RevokedAccess(partnerId, link.Partner.Name, link.Id, now);
    }

    /// <summary>
    /// Gives a revoked partner its access back exactly as it was: the same link (so its branding,
    /// "managed by" line, billing and managed relationship come back with it), audited. The
    /// log-ins the revoke ended stay ended: reopening someone's session is never safe, they log in
    /// again. Null when done, else why nothing changed (the link moved on since, or the account
    /// chose another partner).
    /// </summary>
    public async Task<string?> UndoRevokeAsync(RevokedAccess revoked, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var client = tenants.Current!;
        var cannot = $"The access of {revoked.PartnerName} cannot be given back this way any more: this account's partners changed since. Ask {revoked.PartnerName} to connect again.";
        var link = await db.PartnerClientLinks.SingleOrDefaultAsync(l => l.Id == revoked.LinkId && l.ClientId == client.Id && l.PartnerId == revoked.PartnerId, cancellationToken);
        if (link?.EndedAt is not { } endedAt || Math.Abs((endedAt - revoked.RevokedAt).Ticks) >= TimeSpan.TicksPerMillisecond) return cannot;
        if (await db.PartnerClientLinks.AnyAsync(l => l.ClientId == client.Id && l.EndedAt == null && (l.PartnerId == revoked.PartnerId || l.CreatedAt > endedAt), cancellationToken)) return cannot;

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        link.EndedAt = null;
        audit.Record("partner.access_restored", $"Access of partner {revoked.PartnerName} given back (undo of the revoke)");
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new PortalEvent(client.Id, byUserId, KernelEvents.PartnerLinkChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public const string WhatPartnersMayDo =
        "Log in to this account as an owner (but never change owners or delete the account), and change its branding, theme and e-mail settings.";

    private static string RoleText(OrganizationRole role, bool supportSpecialist) =>
        role >= OrganizationRole.Admin ? "Partner admin: may enter every client account of the partner"
        : supportSpecialist ? "Support specialist: assigned to this account"
        : "Partner employee: assigned to this account";
}
