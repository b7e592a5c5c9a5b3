using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.Resellers.Access;

/// <summary>The partners' part of "Who can see my data" (A5), a section the host's page renders for the account's owners.</summary>
public sealed class PartnerAccessViewComponent(PartnerAccessOverview overview, ImpersonationPolicies policies) : ViewComponent
{
    /// <param name="HighlightedRequest">The access request an owner followed an e-mailed link to.</param>
    /// <param name="Undo">The sealed revoke just done, offered back as "Undo" (opened and checked only when posted).</param>
    public sealed record Section(
        IReadOnlyList<PartnerAccessOverview.Partner> Partners,
        ImpersonationPolicy Policy,
        IReadOnlyList<ImpersonationRequest> Requests,
        IReadOnlyList<ImpersonationSession> Impersonations,
        Guid? HighlightedRequest,
        string? Undo);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var highlighted = Guid.TryParse(HttpContext.Request.Query["request"], out var id) ? id : (Guid?)null;
        return View(new Section(
            await overview.PartnersAsync(cancellationToken),
            await policies.GetAsync(cancellationToken),
            await overview.RequestsAsync(cancellationToken: cancellationToken),
            await overview.ImpersonationsAsync(cancellationToken: cancellationToken),
            highlighted,
            HttpContext.Request.Query["undo"].ToString() is { Length: > 0 and <= 4000 } undo ? undo : null));
    }
}
