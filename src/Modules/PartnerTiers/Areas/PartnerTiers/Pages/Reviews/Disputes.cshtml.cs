using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.Disputes;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Reviews;

/// <summary>Platform admins resolve every partner's ledger disputes (P12): accept with a correcting entry, or reject with a reason.</summary>
public sealed class DisputesModel(LedgerDisputes disputes) : ProgramWorkPage
{
    public IReadOnlyList<DisputeRow> Disputes { get; private set; } = [];

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid disputeId, string? points, string? note, bool confirm, CancellationToken cancellationToken) =>
        await AfterAsync(await disputes.ResolveAsync(disputeId, accept: true, points, note, confirm, UserId, cancellationToken), "/platform/program/disputes", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostRejectAsync(Guid disputeId, string? note, CancellationToken cancellationToken) =>
        await AfterAsync(await disputes.ResolveAsync(disputeId, accept: false, null, note, confirmed: false, UserId, cancellationToken), "/platform/program/disputes", () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) => Disputes = await disputes.ForReviewAsync(cancellationToken);
}
