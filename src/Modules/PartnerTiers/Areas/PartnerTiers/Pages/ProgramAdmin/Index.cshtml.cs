using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.ProgramAdmin;

/// <summary>
/// The operator's partner program (platform admins, <c>/platform/program</c>): tiers and thresholds,
/// currency and conversion, review cycle and demotion grace, deal and metric weights, incentives per
/// tier and specializations. A saved change applies from the next recalculation.
/// </summary>
public sealed class IndexModel(ProgramSettingsStore store) : PageModel
{
    [BindProperty]
    public ProgramForm Form { get; set; } = new();

    public ProgramSettings Current { get; private set; } = new();

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        Current = await store.GetAsync(cancellationToken);
        Form = ProgramForm.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetAsync(cancellationToken);
        var (program, error) = Form.Build(Current);
        if (program is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            if (Form.Specializations.Count == 0 || !string.IsNullOrWhiteSpace(Form.Specializations[^1].Name)) Form.Specializations.Add(new());
            return Page();
        }

        var changes = ProgramForm.Describe(Current, program);
        if (changes.Length == 0) return RedirectToPage(new { message = "Nothing changed." });
        await store.SaveAsync(program, User.Identity?.Name ?? "?", changes, cancellationToken);
        return RedirectToPage(new { message = $"Saved ({changes}). Partners' points and tiers follow at the next recalculation." });
    }
}
