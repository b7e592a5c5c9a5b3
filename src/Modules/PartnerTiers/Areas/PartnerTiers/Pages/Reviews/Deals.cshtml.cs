using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.Deals;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Reviews;

/// <summary>Platform admins review every partner's deal registrations (P8): approve, or reject with a reason; duplicates shown side by side.</summary>
public sealed class DealsModel(DealRegistrations deals) : ProgramWorkPage
{
    public IReadOnlyList<DealUnderReview> Deals { get; private set; } = [];

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid dealId, string? reason, CancellationToken cancellationToken) =>
        await AfterAsync(await deals.ReviewAsync(dealId, approve: true, reason, UserId, cancellationToken), "/platform/program/deals", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostRejectAsync(Guid dealId, string? reason, CancellationToken cancellationToken) =>
        await AfterAsync(await deals.ReviewAsync(dealId, approve: false, reason, UserId, cancellationToken), "/platform/program/deals", () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) => Deals = await deals.ForReviewAsync(cancellationToken);
}
