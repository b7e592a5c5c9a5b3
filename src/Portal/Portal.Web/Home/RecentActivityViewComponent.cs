using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Home;

/// <summary>
/// The organization home's recent activity: owners see the organization's latest audit entries
/// (as the audit log does); everyone else sees only their own.
/// </summary>
public sealed class RecentActivityViewComponent(PortalDbContext db, CurrentMember member) : ViewComponent
{
    private const int Shown = 8;

    public sealed record Section(IReadOnlyList<AuditEntry> Entries, bool Everyone);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var membership = await member.GetAsync(HttpContext.RequestAborted);
        if (membership is null) return Content(string.Empty);
        var everyone = membership.Role >= OrganizationRole.Owner;
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => everyone || a.UserId == membership.UserId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Shown)
            .ToListAsync(HttpContext.RequestAborted);
        return View(new Section(entries, everyone));
    }
}
