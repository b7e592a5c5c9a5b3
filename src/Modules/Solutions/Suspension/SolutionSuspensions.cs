using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Suspension;

/// <summary>What people of a suspended solution read, naming the consultant and how to reach them (C9).</summary>
/// <param name="ForTheConsultant">The viewer is the consultant who suspended it: they keep opening and working in it.</param>
public sealed record SuspensionNotice(SuspensionMode Mode, string Reason, DateTime Since, string ConsultantName, string ConsultantEmail, string? ConsultantPhone, bool ForTheConsultant)
{
    public string Words => SolutionSuspensions.Words(Mode);

    public string Meaning => SolutionSuspensions.Meaning(Mode);
}

/// <summary>
/// C9: the consultant who built a solution, while they hold a consultant seat in the organization,
/// suspends it in one of three modes with a reason, and reactivates it. Nothing else changes: records
/// stay as they are, automations wait (the rule runner skips suspended solutions), the owners are
/// e-mailed in the organization's branding, and both are audited. No one else lifts a suspension,
/// owners included — unless the consultant's seat has ended, when the organization's admins may,
/// so a client is never locked out by someone no longer there. Who may do what, and the notice,
/// are <see cref="SolutionAccess"/>'s answers.
/// </summary>
public sealed class SolutionSuspensions(PortalDbContext db, CurrentMember member, AuditLog audit, IMailer mailer, TenantUrls urls, ITenantContext tenants, TimeProvider time)
{
    public const int MaxReasonLength = 500;

    public static string Words(SuspensionMode mode) => mode switch
    {
        SuspensionMode.ReadOnly => "read-only",
        SuspensionMode.Blocked => "fully blocked",
        _ => "automations stopped",
    };

    /// <summary>What a mode does, in one sentence for the people using the solution.</summary>
    public static string Meaning(SuspensionMode mode) => mode switch
    {
        SuspensionMode.ReadOnly => "You can read its records, but no one can add, change, delete or import records or change how it is built. Its automations wait.",
        SuspensionMode.Blocked => "No one but the consultant can open it. Its records are kept as they are, and its automations wait.",
        _ => "You keep working with its records; its automation rules wait and run once it is reactivated.",
    };

    public static readonly IReadOnlyList<SuspensionMode> Modes = [SuspensionMode.ReadOnly, SuspensionMode.AutomationsStopped, SuspensionMode.Blocked];

    /// <summary>Suspends the solution; returns what to fix instead when the mode or reason will not do (nothing changed then).</summary>
    public async Task<string?> SuspendAsync(Solution solution, SuspensionMode? mode, string? reason, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (mode is not { } chosen || !Modes.Contains(chosen)) return "Choose how to suspend it: read-only, automations stopped or fully blocked.";
        if (string.IsNullOrEmpty(reason)) return "Give a reason: the people using the solution read it in the notice.";
        if (reason.Length > MaxReasonLength) return $"Keep the reason under {MaxReasonLength} characters.";
        if (solution.Suspension is not null) return "It is suspended already. Reactivate it first to suspend it another way.";

        solution.Suspension = chosen;
        solution.SuspensionReason = reason;
        solution.SuspendedAt = time.GetUtcNow().UtcDateTime;
        solution.SuspendedByUserId = member.UserId;
        audit.Record("solution.suspended", $"{solution.Name}: {Words(chosen)}. Reason: {reason}");
        await TellOwnersAsync("solution-suspended", solution, chosen, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Lifts the suspension: people work as before, and the automations that waited run.</summary>
    public async Task ReactivateAsync(Solution solution, CancellationToken cancellationToken)
    {
        if (solution.Suspension is not { } mode) return;
        var reason = solution.SuspensionReason ?? string.Empty;
        var by = solution.SuspendedByUserId;
        solution.Suspension = null;
        solution.SuspensionReason = null;
        solution.SuspendedAt = null;
        solution.SuspendedByUserId = null;
        audit.Record("solution.reactivated", $"{solution.Name} (was {Words(mode)})");
        await TellOwnersAsync("solution-reactivated", solution, mode, reason, cancellationToken, by);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The organization's owners learn of it by e-mail, in its branding, in the same save as the change.</summary>
    private async Task TellOwnersAsync(string template, Solution solution, SuspensionMode mode, string reason, CancellationToken cancellationToken, Guid? consultantId = null)
    {
        var tenant = tenants.Current ?? throw new InvalidOperationException("A suspension happens in an organization.");
        var consultant = await db.Users.AsNoTracking().Where(u => u.Id == (consultantId ?? member.UserId))
            .Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        var acting = await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        var owners = await db.Memberships.AsNoTracking().Where(m => m.Role == OrganizationRole.Owner && m.DeactivatedAt == null)
            .Select(m => new { m.User!.Email, m.User.DisplayName }).ToListAsync(cancellationToken);
        foreach (var owner in owners.Where(o => !string.IsNullOrEmpty(o.Email)))
        {
            mailer.Queue(template, new Dictionary<string, string?>
            {
                ["solution_name"] = solution.Name,
                ["mode"] = Words(mode),
                ["mode_meaning"] = Meaning(mode),
                ["reason"] = reason,
                ["consultant_name"] = consultant?.DisplayName is { Length: > 0 } name ? name : consultant?.Email ?? string.Empty,
                ["consultant_email"] = consultant?.Email ?? string.Empty,
                ["reactivated_by"] = acting ?? string.Empty,
                ["solution_url"] = urls.For(tenant, $"/solutions/{solution.Id}"),
            }, new MailRecipient(owner.Email!, owner.DisplayName));
        }
    }
}
