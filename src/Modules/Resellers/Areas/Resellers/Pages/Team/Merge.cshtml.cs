using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Team;

/// <summary>Merge another reseller into this one (R11), after a preview of what moves.</summary>
public sealed class MergeModel(PartnerAccess access, ResellerMerge merge) : ResellerPage(access)
{
    public IReadOnlyList<(Guid Id, string Name)> Candidates { get; private set; } = [];

    public MergePreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? from, string? message, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        Message = message;
        Candidates = await merge.CandidatesAsync(UserId, cancellationToken);
        if (from is { } fromId)
        {
            Preview = await merge.PreviewAsync(fromId, UserId, cancellationToken);
            if (Preview is null) return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid from, CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (await merge.PreviewAsync(from, UserId, cancellationToken) is null) return NotFound();
        if (await merge.MergeAsync(from, UserId, cancellationToken) is { } error)
        {
            return await FailAsync(error, async () => Candidates = await merge.CandidatesAsync(UserId, cancellationToken));
        }

        return Redirect("/team/merge?message=" + Uri.EscapeDataString("Merged. The other reseller is now a regular organization."));
    }
}
