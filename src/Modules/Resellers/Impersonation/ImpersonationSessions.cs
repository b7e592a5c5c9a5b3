using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// Starts, checks and ends "logged in as reseller" sessions (R5). The cookie alone proves nothing:
/// every request of such a session asks <see cref="ValidateAsync"/>, so a timeout, an ended session
/// or a revoked partner link signs it out at once, on any instance.
/// </summary>
public sealed class ImpersonationSessions(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    AuditLog audit,
    PartnerAccess access,
    TimeProvider time,
    IOptions<ImpersonationOptions> options)
{
    private readonly ImpersonationOptions _options = options.Value;

    /// <summary>Opens a session in the current tenant (the client) and audits the start there and in the reseller; the caller saves.</summary>
    public ImpersonationSession Start(TenantInfo reseller, PortalUser user, string? reason)
    {
        var client = tenants.Current ?? throw new InvalidOperationException("A session starts on the client's host.");
        var now = time.GetUtcNow().UtcDateTime;
        var session = new ImpersonationSession
        {
            ResellerId = reseller.Id,
            ResellerName = reseller.Name,
            UserId = user.Id,
            UserEmail = user.Email!,
            Reason = reason,
            StartedAt = now,
            LastSeenAt = now,
        };
        db.Set<ImpersonationSession>().Add(session);
        ImpersonationAudit.Record(audit, "impersonation.started",
            $"{user.Email} of reseller {reseller.Name} logged in as this account{ReasonText(reason)}", user.Id, user.Email!);
        return session;
    }

    /// <summary>Audits the start in the reseller's own log too (its own tenant, its own save).</summary>
    public async Task AuditInResellerAsync(Guid resellerId, string action, string detail, Guid userId, string email, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(resellerId, cancellationToken) is not { } reseller) return;
        using var _ = tenants.Change(reseller);
        ImpersonationAudit.Record(audit, action, detail, userId, email);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the session the principal claims against its row: open, not idle too long, under the
    /// absolute cap, and the partner still linked to the client (one query). Every
    /// <see cref="ImpersonationOptions.ActivityWriteInterval"/> it also records activity and re-checks the
    /// user's full right to enter (membership, assignment). Null means the session is over (now ended).
    /// </summary>
    public async Task<OpenImpersonation?> ValidateAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ImpersonationClaims.Id), out var id)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || tenants.Current is null)
        {
            return null;
        }

        var row = await db.Set<ImpersonationSession>().AsNoTracking()
            .Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new
            {
                s.ResellerId,
                s.ResellerName,
                s.StartedAt,
                s.LastSeenAt,
                s.EndedAt,
                Linked = db.PartnerClientLinks.Any(l => l.PartnerId == s.ResellerId && l.ClientId == s.TenantId && l.EndedAt == null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.EndedAt is not null) return null;

        var now = time.GetUtcNow().UtcDateTime;
        var ended = !row.Linked ? ImpersonationEndReasons.AccessEnded
            : now - row.StartedAt >= _options.AbsoluteTimeout ? ImpersonationEndReasons.Expired
            : now - row.LastSeenAt >= _options.IdleTimeout ? ImpersonationEndReasons.Idle
            : null;
        if (ended is null && now - row.LastSeenAt >= _options.ActivityWriteInterval)
        {
            if (await access.CanEnterAsync(row.ResellerId, userId, tenants.Current.Id, cancellationToken))
            {
                await db.Set<ImpersonationSession>().Where(s => s.Id == id && s.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            }
            else
            {
                ended = ImpersonationEndReasons.AccessEnded;
            }
        }

        if (ended is not null)
        {
            await EndAsync(id, ended, cancellationToken);
            return null;
        }

        var endsAt = Min(row.StartedAt + _options.AbsoluteTimeout, now + _options.IdleTimeout);
        return new OpenImpersonation(id, row.ResellerId, row.ResellerName, endsAt);
    }

    /// <summary>
    /// Ends an open session of the current tenant once (a conditional update, so two requests
    /// cannot both end and audit it) and audits the end in the client and the reseller.
    /// </summary>
    public async Task<bool> EndAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        var session = await db.Set<ImpersonationSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || session.EndedAt is not null) return false;
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<ImpersonationSession>().Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);
        if (claimed != 1) return false;

        var client = tenants.Current!;
        ImpersonationAudit.Record(audit, "impersonation.ended",
            $"{session.UserEmail} of reseller {session.ResellerName}: session ended ({reason})", session.UserId, session.UserEmail);
        await db.SaveChangesAsync(cancellationToken);
        await AuditInResellerAsync(session.ResellerId, "impersonation.ended",
            $"{session.UserEmail} left client {client.Name} ({reason})", session.UserId, session.UserEmail, cancellationToken);
        return true;
    }

    /// <summary>Ends every open session of <paramref name="resellerId"/> in the current tenant.</summary>
    public async Task<int> EndAllOfAsync(Guid resellerId, string reason, CancellationToken cancellationToken = default)
    {
        var open = await db.Set<ImpersonationSession>().AsNoTracking()
            .Where(s => s.ResellerId == resellerId && s.EndedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var id in open)
        {
            if (await EndAsync(id, reason, cancellationToken)) ended++;
        }

        return ended;
    }

    internal static string ReasonText(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $". Reason: {reason}";

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

/// <summary>
/// The audit semantics while impersonating (A1): the entry's user is the reseller user who acted
/// and its acting user names them as the reseller acting for this account; the account is the
/// entry's tenant. Outside a request the claims are not there, so the entries are filled here.
/// </summary>
internal static class ImpersonationAudit
{
    public static AuditEntry Record(AuditLog audit, string action, string detail, Guid userId, string email)
    {
        var entry = audit.Record(action, detail, userId, email);
        entry.ActingUserId = userId;
        entry.ActingUserEmail = email;
        return entry;
    }
}
