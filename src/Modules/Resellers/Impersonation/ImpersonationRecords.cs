using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// The hand-over from the reseller's host to the client's host (R5): single use, short-lived and
/// bound to one reseller user, one client and the client's primary host. Only a SHA-256 hash of the
/// token is stored. Owned by the reseller that issued it; the client's host finds it by its hash
/// only in <see cref="ImpersonationTickets.ClaimAsync"/>, which checks the client and host it names.
/// </summary>
public class ImpersonationTicket : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lower-case hex SHA-256 of the token the browser carries.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The reseller that issued the ticket.</summary>
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The client's primary host at issue time: the only host that accepts the ticket.</summary>
    public required string Host { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>Set by the one request that claimed the ticket (successfully or not); a second use finds it set.</summary>
    public DateTime? ConsumedAt { get; set; }
}

/// <summary>
/// One "logged in as reseller" session in a client account. Lives in the client's tenant so its
/// owners read every impersonation (A5); every request of the session checks it is still open.
/// </summary>
public class ImpersonationSession : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client organization.</summary>
    public Guid TenantId { get; set; }

    public Guid ResellerId { get; set; }

    /// <summary>The reseller's name at the start, kept for the history even if it is renamed.</summary>
    public required string ResellerName { get; set; }

    public Guid UserId { get; set; }

    public required string UserEmail { get; set; }

    public string? Reason { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>One of <see cref="ImpersonationEndReasons"/>; null while open.</summary>
    public string? EndReason { get; set; }
}

public static class ImpersonationEndReasons
{
    public const string BackToDashboard = "back to dashboard";
    public const string SignedOut = "signed out";
    public const string EndedByReseller = "ended by the reseller";
    public const string Idle = "idle timeout";
    public const string Expired = "time limit reached";
    public const string AccessRevoked = "access revoked";
    public const string AccessEnded = "partner access ended";
}

/// <summary>What a client's owners want to happen when its reseller logs in (R5).</summary>
public enum ImpersonationPolicy
{
    /// <summary>The reseller logs in whenever it needs to.</summary>
    Allow = 0,

    /// <summary>Every start e-mails the owners.</summary>
    Notify = 1,

    /// <summary>The reseller asks; an owner approves before a ticket is issued.</summary>
    AskFirst = 2,
}

/// <summary>
/// The client's impersonation policy: a row of its own rather than a column on the kernel's
/// Organization, so the Resellers module owns it (no row = <see cref="ImpersonationPolicy.Allow"/>).
/// </summary>
public class ImpersonationPolicySetting : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public ImpersonationPolicy Policy { get; set; }

    public DateTime ChangedAt { get; set; }

    public Guid ChangedByUserId { get; set; }
}

/// <summary>A reseller user's request to log in to a client whose policy is "ask me first". Lives in the client's tenant.</summary>
public class ImpersonationRequest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid ResellerId { get; set; }

    public required string ResellerName { get; set; }

    public Guid UserId { get; set; }

    public required string UserEmail { get; set; }

    public string? Reason { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public bool? Approved { get; set; }

    /// <summary>Until when an approval lets the reseller log in.</summary>
    public DateTime? ValidUntil { get; set; }

    public bool IsPending => DecidedAt is null;
}

/// <summary>Limits of log in as client (R5); section <c>Impersonation</c>.</summary>
public sealed class ImpersonationOptions
{
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an owner's approval lets the reseller log in (policy "ask me first").</summary>
    public TimeSpan ApprovalWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a session's last-seen time (and the user's full right to enter) is written and re-checked.</summary>
    public TimeSpan ActivityWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
