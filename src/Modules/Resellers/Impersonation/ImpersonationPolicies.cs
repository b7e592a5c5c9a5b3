using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// A client's say over log in as client (R5): its policy (allow, notify me, ask me first), the
/// e-mails to its owners, and the owners' answers to access requests. Works in the current tenant,
/// which is the client; callers on the reseller's host switch to it after checking the link.
/// </summary>
public sealed class ImpersonationPolicies(
    PortalDbContext db,
    ITenantContext tenants,
    IMailer mailer,
    TenantUrls urls,
    AuditLog audit,
    TimeProvider time,
    IOptions<ImpersonationOptions> options)
{
    public const string AccessPath = "/settings/access";

    public async Task<ImpersonationPolicy> GetAsync(CancellationToken cancellationToken = default) =>
        await db.Set<ImpersonationPolicySetting>().AsNoTracking().Select(p => (ImpersonationPolicy?)p.Policy).SingleOrDefaultAsync(cancellationToken)
        ?? ImpersonationPolicy.Allow;

    public async Task SetAsync(ImpersonationPolicy policy, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var setting = await db.Set<ImpersonationPolicySetting>().SingleOrDefaultAsync(cancellationToken);
        if (setting?.Policy == policy) return;
        if (setting is null)
        {
            setting = new ImpersonationPolicySetting();
            db.Set<ImpersonationPolicySetting>().Add(setting);
        }

        setting.Policy = policy;
        setting.ChangedAt = time.GetUtcNow().UtcDateTime;
        setting.ChangedByUserId = byUserId;
        audit.Record("impersonation.policy_changed", $"Log in as client: {Describe(policy)}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Policy "notify me": tells every owner that the session started; the caller saves with the start.</summary>
    public async Task NotifyOwnersAsync(ImpersonationSession session, CancellationToken cancellationToken = default)
    {
        var client = tenants.Current!;
        foreach (var owner in await OwnersAsync(cancellationToken))
        {
            mailer.Queue("impersonation-started", new Dictionary<string, string?>
            {
                ["reseller_name"] = session.ResellerName,
                ["user_email"] = session.UserEmail,
                ["reason"] = session.Reason ?? string.Empty,
                ["started_at"] = session.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["access_url"] = urls.For(client, AccessPath),
            }, owner);
        }
    }

    /// <summary>The user's latest request that is still pending or whose approval still runs; null when a new one is needed.</summary>
    public async Task<ImpersonationRequest?> OpenRequestAsync(Guid resellerId, Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var latest = await db.Set<ImpersonationRequest>().AsNoTracking()
            .Where(r => r.ResellerId == resellerId && r.UserId == userId)
            .OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        return latest is { DecidedAt: null } || latest is { Approved: true } && latest.ValidUntil > now ? latest : null;
    }

    /// <summary>Policy "ask me first": records the request and e-mails the owners an approval link; the caller saves.</summary>
    public async Task<ImpersonationRequest> AskAsync(TenantInfo reseller, Guid userId, string userEmail, string? reason, CancellationToken cancellationToken = default)
    {
        var client = tenants.Current!;
        var request = new ImpersonationRequest
        {
            ResellerId = reseller.Id,
            ResellerName = reseller.Name,
            UserId = userId,
            UserEmail = userEmail,
            Reason = reason,
            RequestedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<ImpersonationRequest>().Add(request);
        foreach (var owner in await OwnersAsync(cancellationToken))
        {
            mailer.Queue("impersonation-request", new Dictionary<string, string?>
            {
                ["reseller_name"] = reseller.Name,
                ["user_email"] = userEmail,
                ["reason"] = reason ?? string.Empty,
                ["window"] = Minutes(options.Value.ApprovalWindow),
                ["approve_url"] = urls.For(client, $"{AccessPath}?request={request.Id}#requests"),
            }, owner);
        }

        ImpersonationAudit.Record(audit, "impersonation.requested",
            $"{userEmail} of reseller {reseller.Name} asked to log in{ImpersonationSessions.ReasonText(reason)}", userId, userEmail);
        return request;
    }

    /// <summary>An owner's answer; false when the request is unknown here or already answered.</summary>
    public async Task<bool> DecideAsync(Guid requestId, bool approve, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var request = await db.Set<ImpersonationRequest>().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is not { DecidedAt: null }) return false;
        var now = time.GetUtcNow().UtcDateTime;
        request.DecidedAt = now;
        request.DecidedByUserId = byUserId;
        request.Approved = approve;
        request.ValidUntil = approve ? now + options.Value.ApprovalWindow : null;
        audit.Record(approve ? "impersonation.approved" : "impersonation.declined",
            $"{request.UserEmail} of reseller {request.ResellerName}" + (approve ? $" may log in for {Minutes(options.Value.ApprovalWindow)} minutes" : " may not log in"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static string Describe(ImpersonationPolicy policy) => policy switch
    {
        ImpersonationPolicy.Notify => "allowed, owners are e-mailed on every start",
        ImpersonationPolicy.AskFirst => "only after an owner approves",
        _ => "allowed",
    };

    private async Task<List<MailRecipient>> OwnersAsync(CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.Role == OrganizationRole.Owner && m.DeactivatedAt == null && m.User!.Email != null)
            .Select(m => new MailRecipient(m.User!.Email!, m.User.DisplayName))
            .ToListAsync(cancellationToken);

    private static string Minutes(TimeSpan span) => ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);
}
