using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.ProgramAdmin;

/// <summary>Platform admins grant and revoke partners' certification and specialization badges (P5, P7).</summary>
public sealed class BadgesModel(Badges badges, ProgramSettingsStore program) : PageModel
{
    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public string? Badge { get; set; }

    public IReadOnlyList<BadgeRow> Rows { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    public IReadOnlyList<SpecializationRule> Specializations { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken)
    {
        var (done, error) = await badges.GrantAsync(PartnerId, Badge, cancellationToken);
        if (error is null) return RedirectToPage(new { message = done });
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid badgeId, CancellationToken cancellationToken) =>
        await badges.RevokeAsync(badgeId, cancellationToken) is { } done ? RedirectToPage(new { message = done }) : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await badges.ListAsync(cancellationToken);
        Partners = await badges.PartnersAsync(cancellationToken);
        Specializations = (await program.GetAsync(cancellationToken)).Specializations;
    }
}
