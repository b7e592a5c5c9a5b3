using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Program;

/// <summary>Every ledger entry behind one number of the program page (P12): one source, one month, a page at a time.</summary>
public sealed class EntriesModel(ProgramPage page) : PageModel
{
    public EntryPage Entries { get; private set; } = null!;

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? source, string? period, int? p, CancellationToken cancellationToken)
    {
        var chosen = Enum.TryParse<PointSource>(source, out var s) && Enum.IsDefined(s) ? s : PointSource.ManagedMrr;
        var month = DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : page.CurrentPeriod;
        if (source is not null && chosen.ToString() != source || period is not null && month.ToString("yyyy-MM", CultureInfo.InvariantCulture) != period)
            Notice = "That source or month is not one the program knows; showing managed MRR of this month instead.";
        Entries = await page.EntriesAsync(chosen, month, p ?? 1, cancellationToken);
    }
}
