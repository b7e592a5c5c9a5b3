using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.Disputes;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Disputes;

/// <summary>The partner's ledger disputes (P12): dispute an entry with a reason, see each dispute's outcome.</summary>
public sealed class IndexModel(LedgerDisputes disputes) : ProgramWorkPage
{
    /// <summary>The entry to dispute, when the partner came from a ledger entry's link.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Entry { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public LedgerEntry? Disputing { get; private set; }

    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];

    public IReadOnlyList<DisputeRow> Disputes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        if (Entry is { } id && await disputes.EntryAsync(id, cancellationToken) is null) return NotFound();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        Entry is { } id
            ? await AfterAsync(await disputes.RaiseAsync(id, Reason, UserId, cancellationToken), "/program/disputes", () => LoadAsync(cancellationToken))
            : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Entry is { } id) Disputing = await disputes.EntryAsync(id, cancellationToken);
        Entries = await disputes.RecentEntriesAsync(cancellationToken);
        Disputes = await disputes.OwnAsync(cancellationToken);
    }
}
