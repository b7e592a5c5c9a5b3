using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Program;

/// <summary>Partner admins end a managed relationship (P4); the account's MRR stops counting at the next recalculation.</summary>
public sealed class ManagedModel(PortalDbContext db, ProgramPage page) : PageModel
{
    public IReadOnlyList<(ManagedRelationship Relationship, string Account)> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        var rows = await db.Set<ManagedRelationship>().AsNoTracking().Where(r => r.EndedAt == null).OrderByDescending(r => r.LastActivityAt).Take(500).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.AccountId).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        Rows = [.. rows.Select(r => (r, names.GetValueOrDefault(r.AccountId, "An account")))];
    }

    public async Task<IActionResult> OnPostEndAsync(Guid relationshipId, CancellationToken cancellationToken)
    {
        var name = await page.EndRelationshipAsync(relationshipId, cancellationToken);
        if (name is null) return NotFound();
        return RedirectToPage(new { message = $"You no longer manage {name}. Its MRR stops counting at the next recalculation; new work in it starts a new relationship." });
    }
}
