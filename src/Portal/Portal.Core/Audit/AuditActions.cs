namespace PartnerPortal.Audit;

/// <summary>An audit action in the words a person reads (never the stored key).</summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["signin.succeeded"] = "Signed in",
        ["signin.failed"] = "Sign-in failed",
        ["signin.locked_out"] = "Locked out after failed sign-ins",
        ["password.reset_requested"] = "Asked to reset the password",
        ["password.reset"] = "Reset the password",
        ["invitation.created"] = "Invited someone",
        ["invitation.accepted"] = "Accepted an invitation",
        ["invitation.revoked"] = "Withdrew an invitation",
        ["member.role_changed"] = "Changed a member's role",
        ["member.removed"] = "Removed a member",
        ["organization.two_factor_required"] = "Required two-factor sign-in of everyone",
        ["organization.two_factor_not_required"] = "Stopped requiring two-factor sign-in",
        ["member.restored"] = "Brought back a removed member (undo)",
        ["client.detached"] = "Detached a client",
        ["reseller.detached"] = "The reseller stopped serving this account",
        ["client.detach_undone"] = "Undid the detach of a client",
        ["reseller.detach_undone"] = "The reseller serves this account again (undo of a detach)",
        ["partner.access_revoked"] = "Revoked a partner's access",
        ["partner.access_restored"] = "Gave a partner its access back (undo)",
        ["organization.renamed"] = "Renamed the organization",
        ["branding.changed"] = "Changed the branding",
        ["branding.theme_changed"] = "Changed the theme",
        ["domain.added"] = "Added a domain",
        ["domain.verified"] = "Verified a domain",
        ["domain.removed"] = "Removed a domain",
        ["domain.primary_changed"] = "Changed the primary domain",
        ["domain.dns_warning"] = "A domain stopped pointing here",
        ["email.sender_changed"] = "Changed the e-mail sender",
        ["mail.resent"] = "Sent an undelivered e-mail again",
        ["email.dkim_key_generated"] = "Generated a signing key for e-mail",
        ["email.domain_verified"] = "Verified the sending domain",
        ["plan.changed"] = "Changed the plan",
        ["plan.trial_started"] = "Started the free trial",
        ["plan.trial_reminder_sent"] = "Trial ending soon: reminder sent",
        ["plan.trial_ended"] = "The free trial ended",
        ["plan.limit_reached"] = "Reached a plan limit",
        ["module.switched"] = "A feature was switched on or off",
        ["workspace.created"] = "Created a workspace",
        ["workspace.renamed"] = "Renamed a workspace",
        ["workspace.archived"] = "Archived a workspace",
        ["workspace.restored"] = "Restored a workspace",
        ["workspace.member_added"] = "Added someone to a workspace",
        ["workspace.member_removed"] = "Removed someone from a workspace",
        ["workspace.role_changed"] = "Changed someone's role in a workspace",
        ["password.changed"] = "Changed the password",
        ["account.signed_out_everywhere"] = "Signed out everywhere",
        ["platform.partner_marked"] = "Marked an organization as a partner",
        ["platform.partner_unmarked"] = "Made a partner a client again (undo)",
        ["platform.organization_created"] = "Created an organization",
        ["platform.organization_modules_changed"] = "Switched an organization's features",
        ["platform.module_defaults_changed"] = "Changed which features are on by default",
        ["platform.plan_created"] = "Created a plan",
        ["platform.plan_changed"] = "Changed a plan",
        ["platform.job_run"] = "Ran a background job now",
        ["platform.action"] = "Another platform change",
        ["partner_program.changed"] = "Changed the partner program settings",
    };

    /// <summary>The label of <paramref name="action"/>; an action without one reads as its words ("client.handed_over" → "Client handed over").</summary>
    public static string Describe(string action)
    {
        if (Labels.TryGetValue(action, out var label)) return label;
        var words = action.Replace('.', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? action : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
