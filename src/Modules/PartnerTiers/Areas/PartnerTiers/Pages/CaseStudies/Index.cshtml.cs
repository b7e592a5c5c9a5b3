using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.CaseStudies;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.CaseStudies;

/// <summary>The partner's case studies (P10): submit one, see the platform's answer, change one that was sent back.</summary>
public sealed class IndexModel(CustomerCaseStudies studies) : ProgramWorkPage
{
    [BindProperty]
    public CaseStudyForm Study { get; set; } = new();

    /// <summary>The sent-back case study being changed, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    public CaseStudy? Editing { get; private set; }

    public IReadOnlyList<CaseStudy> Studies { get; private set; } = [];

    /// <summary>The product lines a case study can name.</summary>
    public IReadOnlyList<string> ProductLines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        if (Edit is { } id)
        {
            // Another partner's case study, or none: not here.
            Editing = await studies.OwnAsync(id, cancellationToken);
            if (Editing is null) return NotFound();
            Study = CaseStudyForm.Of(Editing);
        }

        Studies = await studies.OwnAsync(cancellationToken);
        ProductLines = await studies.ProductLinesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await studies.SubmitAsync(Study, UserId, cancellationToken), "/program/case-studies", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken cancellationToken) =>
        Edit is { } id
            ? await AfterAsync(await studies.ResubmitAsync(id, Study, UserId, cancellationToken), "/program/case-studies", () => LoadAsync(cancellationToken))
            : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Studies = await studies.OwnAsync(cancellationToken);
        ProductLines = await studies.ProductLinesAsync(cancellationToken);
        if (Edit is { } id) Editing = await studies.OwnAsync(id, cancellationToken);
    }
}
