using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages;

/// <summary>
/// "Who can see my data" (A5), for the account's owners on its own host: partners with access and
/// their people, every impersonation, access requests, the log-in policy, and revoking a partner.
/// An impersonating reseller cannot open it (the module's page convention: owners, except
/// impersonators): the owners' controls over the reseller are theirs alone.
/// </summary>
public sealed class AccessModel(PartnerAccessOverview overview, ImpersonationPolicies policies, CurrentMember member) : PageModel
{
    public IReadOnlyList<PartnerAccessOverview.Partner> Partners { get; private set; } = [];

    public IReadOnlyList<ImpersonationSession> Impersonations { get; private set; } = [];

    public IReadOnlyList<ImpersonationRequest> Requests { get; private set; } = [];

    [BindProperty]
    public ImpersonationPolicy Policy { get; set; }

    [BindProperty(SupportsGet = true, Name = "request")]
    public Guid? HighlightedRequest { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Policy))
        {
            Error = "Choose one of the three policies.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }

        await policies.SetAsync(Policy, member.UserId!.Value, cancellationToken);
        return RedirectToPage(new { message = "Saved: log in as client is now " + ImpersonationPolicies.Describe(Policy) + "." });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        if (!await overview.RevokeAsync(partnerId, member.UserId!.Value, cancellationToken)) return NotFound();
        return RedirectToPage(new { message = "Access revoked. The partner can no longer log in or change anything here." });
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid requestId, bool approve, CancellationToken cancellationToken)
    {
        if (!await policies.DecideAsync(requestId, approve, member.UserId!.Value, cancellationToken))
        {
            Error = "That request was answered already or does not exist.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(new { message = approve ? "Approved: the partner may log in for the next hour." : "Declined: the partner cannot log in." });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Policy = await policies.GetAsync(cancellationToken);
        Partners = await overview.PartnersAsync(cancellationToken);
        Impersonations = await overview.ImpersonationsAsync(cancellationToken: cancellationToken);
        Requests = await overview.RequestsAsync(cancellationToken: cancellationToken);
    }

}
