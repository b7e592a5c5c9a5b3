using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Impersonation;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>
/// What the account's owners do with their partners from "Who can see my data" (A5): the log-in
/// policy, answering access requests, revoking a partner. The page itself is the host's; this one
/// takes the partners section's forms and goes back there saying what happened (opened by itself,
/// it shows the partners section alone). Never for a
/// reseller logged in as the account (the module's convention: owners, except impersonators).
/// </summary>
public sealed class AccessModel(PartnerAccessOverview overview, ImpersonationPolicies policies, CurrentMember member, UndoTokens undo) : PageModel
{
    [BindProperty]
    public ImpersonationPolicy Policy { get; set; }

    public string? Error { get; private set; }

    /// <summary>The partners section on its own (the whole picture is the host's page).</summary>
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Policy)) return Fail("Choose one of the three policies.", StatusCodes.Status422UnprocessableEntity);
        await policies.SetAsync(Policy, member.UserId!.Value, cancellationToken);
        return Back("Saved: log in as client is now " + ImpersonationPolicies.Describe(Policy) + ".");
    }

    /// <summary>The riskiest change an owner makes here, so the partner's name is typed to confirm it; Undo gives the same access back for a while.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid partnerId, string? confirmName, CancellationToken cancellationToken)
    {
        var name = await overview.PartnerNameAsync(partnerId, cancellationToken);
        if (name is null) return NotFound();
        if (!string.Equals(confirmName?.Trim(), name, StringComparison.Ordinal))
            return Fail($"Type the partner's name exactly as shown ({name}) to revoke its access. Nothing was changed.", StatusCodes.Status422UnprocessableEntity);
        if (await overview.RevokeAsync(partnerId, member.UserId!.Value, cancellationToken) is not { } revoked) return NotFound();
        return Back($"Access of {name} revoked. {name} can no longer log in or change anything here, and no longer manages this account's plan: the account is billed directly and its pages show the platform's name.",
            undo.Seal(PartnerAccessOverview.RevokeUndoPurpose, HttpContext.Tenancy()!.Tenant!.Id, revoked));
    }

    /// <summary>Gives a just-revoked partner the same access back, within <see cref="UndoTokens.Lifetime"/>.</summary>
    public async Task<IActionResult> OnPostUndoRevokeAsync(string? token, CancellationToken cancellationToken)
    {
        var revoked = undo.Open<PartnerAccessOverview.RevokedAccess>(token, PartnerAccessOverview.RevokeUndoPurpose, HttpContext.Tenancy()!.Tenant!.Id);
        if (revoked is null) return Back($"That revoke can no longer be undone (Undo lasts {UndoTokens.Lifetime.TotalMinutes:0} minutes). Nothing was changed; ask the partner to connect again.");
        if (await overview.UndoRevokeAsync(revoked, member.UserId!.Value, cancellationToken) is { } error) return Back(error);
        return Back($"{revoked.PartnerName} has its access back, as before. Its people who were logged in here log in again.");
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid requestId, bool approve, CancellationToken cancellationToken)
    {
        if (!await policies.DecideAsync(requestId, approve, member.UserId!.Value, cancellationToken))
            return Fail("That request was answered already or does not exist.", StatusCodes.Status409Conflict);
        return Back(approve ? "Approved: the partner may log in for the next hour." : "Declined: the partner cannot log in.");
    }

    private RedirectResult Back(string message, string? undoToken = null) =>
        Redirect(ImpersonationPolicies.AccessPath + "?message=" + Uri.EscapeDataString(message) + (undoToken is null ? string.Empty : "&undo=" + Uri.EscapeDataString(undoToken)));

    /// <summary>The partners section again, with what went wrong above it and the way back to the whole page.</summary>
    private PageResult Fail(string error, int status)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
