using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Program;

/// <summary>
/// The partner's program page (P11, P12): tier, points by source (each a link to its entries), what
/// the next tier needs, tier history, a waiting demotion and until when, badges, incentives, the
/// accounts it manages, and "what if" — computed by the recalculation's own calculator, writing nothing.
/// </summary>
public sealed class IndexModel(ProgramPage page) : PageModel
{
    public sealed class WhatIfForm
    {
        public string? ManagedMrr { get; set; }
        public string? ManagedAccounts { get; set; } = "1";
        public string? SoldMrr { get; set; }
        public string? Badges { get; set; }
        public string? DealArr { get; set; }
        public string? DealStage { get; set; } = "Won";
    }

    [BindProperty]
    public WhatIfForm Simulation { get; set; } = new();

    public ProgramOverview Overview { get; private set; } = null!;

    public WhatIfResult? Result { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        Overview = await page.OverviewAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostWhatIfAsync(CancellationToken cancellationToken)
    {
        Overview = await page.OverviewAsync(cancellationToken);
        var s = Simulation;
        const decimal Max = 100_000_000m;
        if (!Amount(s.ManagedMrr, Max, out var managed)) return Fail($"Enter the extra managed MRR as an amount in {Overview.Settings.Currency} from 0 to 100,000,000, or leave it empty.");
        if (!Whole(s.ManagedAccounts, 1, 10_000, out var accounts)) return Fail("Enter over how many accounts the extra managed MRR is spread, from 1 to 10,000.");
        if (!Amount(s.SoldMrr, Max, out var sold)) return Fail($"Enter the extra sold MRR as an amount in {Overview.Settings.Currency} from 0 to 100,000,000, or leave it empty.");
        if (!Whole(s.Badges, 0, 100, out var badges)) return Fail("Enter the extra badges as a whole number from 0 to 100, or leave it empty.");
        if (!Amount(s.DealArr, Max, out var deal)) return Fail($"Enter the deal's expected ARR as an amount in {Overview.Settings.Currency} from 0 to 100,000,000, or leave it empty.");
        if (!ProgramForm.DealStages.Contains(s.DealStage ?? "")) return Fail("Choose the deal's stage from the list.");

        Result = await page.WhatIfAsync(new WhatIf(managed, accounts, sold, badges, deal, s.DealStage!), cancellationToken);
        return Page();
    }

    private IActionResult Fail(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static bool Amount(string? text, decimal max, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= max;
    }

    private static bool Whole(string? text, int min, int max, out int value)
    {
        value = min;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
