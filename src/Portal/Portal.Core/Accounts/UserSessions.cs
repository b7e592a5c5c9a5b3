using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// One signed-in session on one host (A6). The session cookie names it, and every request checks
/// it is still open, so signing out, "sign out everywhere", a password change or reset and "end
/// this session" take effect at once on every instance, not when the cookie expires. It belongs to
/// the organization of the host it was issued on (or to the platform, on the platform host), like
/// the cookie itself.
/// </summary>
public class UserSession : IMayBelongToPlatform
{
    // Random, not time-ordered: it is posted back by the sessions page.
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The host it was issued on, as the person typed it.</summary>
    public required string Host { get; set; }

    /// <summary>The browser and system in words ("Firefox on Windows"), from the user agent at sign-in.</summary>
    public required string Device { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>The last request, kept to the minute (<see cref="UserSessions.TouchInterval"/>).</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended, in words: "signed out", "password changed", …</summary>
    public string? EndReason { get; set; }
}

/// <summary>Why sessions end, as stored and shown.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed out";
    public const string SignedOutEverywhere = "signed out everywhere";
    public const string PasswordChanged = "password changed";
    public const string PasswordReset = "password reset";
    public const string EndedByUser = "ended from the sessions page";
}

/// <summary>
/// Starts, checks and ends <see cref="UserSession"/>s. A person's sessions span every host they sign
/// in on, so this service reads and ends them across tenants by name (the sessions page lists them all).
/// </summary>
public sealed class UserSessions(PortalDbContext db, ITenantContext tenants, TimeProvider time)
{
    /// <summary>The claim of the session cookie that names its <see cref="UserSession"/>.</summary>
    public const string Claim = "session";

    /// <summary>How stale <see cref="UserSession.LastSeenAt"/> may get: at most one write per session and minute.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private Guid HostTenant => tenants.Current?.Id ?? IMayBelongToPlatform.Platform;

    /// <summary>Records a new session on the current host and saves it; returns its id for the cookie.</summary>
    public async Task<Guid> StartAsync(Guid userId, string host, string? userAgent, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            TenantId = HostTenant,
            UserId = userId,
            Host = HostName.TryNormalize(host, out var normalized) ? normalized : "unknown host",
            Device = DeviceName.Of(userAgent),
            StartedAt = now,
            LastSeenAt = now,
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>True when the session is open, on this host, for this user; notes the request as its last use (at most once a minute).</summary>
    public async Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default)
    {
        var hostTenant = HostTenant;
        var lastSeen = await db.Set<UserSession>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.Id == sessionId && s.TenantId == hostTenant && s.UserId == userId && s.EndedAt == null)
            .Select(s => (DateTime?)s.LastSeenAt)
            .SingleOrDefaultAsync(cancellationToken);
        if (lastSeen is null) return false;

        var now = time.GetUtcNow().UtcDateTime;
        if (lastSeen < now - TouchInterval)
        {
            try
            {
                await db.Set<UserSession>().IgnoreQueryFilters(["Tenant"])
                    .Where(s => s.Id == sessionId && s.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            }
            catch (DbException)
            {
                // "Last used" is a courtesy, not a check: on SQLite a long write (a 100,000-row
                // import) holds the only write lock past the busy timeout, and the page must still open.
            }
        }

        return true;
    }

    /// <summary>The person's open sessions on every host, most recently used first.</summary>
    public async Task<IReadOnlyList<UserSession>> OpenAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<UserSession>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);

    /// <summary>Ends one of the person's sessions, wherever it was issued; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken = default) =>
        await EndWhereAsync(s => s.UserId == userId && s.Id == sessionId, reason, cancellationToken) == 1;

    /// <summary>Ends every session of the person except <paramref name="keep"/>; returns how many ended.</summary>
    public Task<int> EndAllAsync(Guid userId, string reason, Guid? keep = null, CancellationToken cancellationToken = default) =>
        EndWhereAsync(s => s.UserId == userId && s.Id != keep, reason, cancellationToken);

    private Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<UserSession>().IgnoreQueryFilters(["Tenant"])
            .Where(which).Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);
    }
}

/// <summary>A user agent in a person's words: "Firefox on Windows", "Safari on iPhone".</summary>
public static class DeviceName
{
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Unknown browser";
        string? browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => null,
        };
        string? system = userAgent switch
        {
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) => "iPhone",
            _ when userAgent.Contains("iPad", StringComparison.Ordinal) => "iPad",
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) || userAgent.Contains("Macintosh", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("CrOS", StringComparison.Ordinal) => "ChromeOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        var name = (browser, system) switch
        {
            (null, null) => "Other browser or program",
            (null, _) => $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
        return name.Length > 100 ? name[..100] : name;
    }
}
