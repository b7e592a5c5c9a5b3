using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Areas.Platform.Pages.Organizations;

/// <summary>The operator's list of organizations (platform host only).</summary>
public sealed class OrganizationsModel(PortalDbContext db, IOptions<PortalOptions> portal, IPortalEvents events, TimeProvider time, ILogger<OrganizationsModel> logger, PlatformAudit audit) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Host, OrganizationKind Kind, string? Reseller, OrganizationStatus Status);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(term) || o.Slug.Contains(term));
        }

        Rows = await query.OrderBy(o => o.Name).Take(200)
            .Select(o => new Row(
                o.Id,
                o.Name,
                o.PrimaryHost ?? o.Slug + "." + platformDomain,
                o.Kind,
                db.PartnerClientLinks.Where(l => l.ClientId == o.Id && l.EndedAt == null).Select(l => l.Partner!.Name).FirstOrDefault(),
                o.Status))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostMarkPartnerAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (org is null) return RedirectToPage(new { message = "That organization does not exist." });
        org.Kind = OrganizationKind.Partner;
        audit.Record("platform.partner_marked", $"Marked {org.Name} as a partner", org.Id);
        await events.SaveAndPublishAsync(db, new PortalEvent(org.Id, null, KernelEvents.OrganizationChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        logger.LogInformation("Platform admin {User} marked organization {Organization} as a partner.", User.Identity?.Name, org.Id);
        return RedirectToPage(new { message = $"{org.Name} is now a partner." });
    }
}
