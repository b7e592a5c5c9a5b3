using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.CaseStudies;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Reviews;

/// <summary>Platform admins review every partner's case studies (P10): approve, or send back with a note.</summary>
public sealed class CaseStudiesModel(CustomerCaseStudies studies) : ProgramWorkPage
{
    public IReadOnlyList<CaseStudyUnderReview> Studies { get; private set; } = [];

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid caseStudyId, string? note, CancellationToken cancellationToken) =>
        await AfterAsync(await studies.ReviewAsync(caseStudyId, approve: true, note, UserId, cancellationToken), "/platform/program/case-studies", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostSendBackAsync(Guid caseStudyId, string? note, CancellationToken cancellationToken) =>
        await AfterAsync(await studies.ReviewAsync(caseStudyId, approve: false, note, UserId, cancellationToken), "/platform/program/case-studies", () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) => Studies = await studies.ForReviewAsync(cancellationToken);
}
