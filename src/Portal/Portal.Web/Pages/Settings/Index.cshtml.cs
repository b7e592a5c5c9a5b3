using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Pages.Settings;

public sealed class SettingsIndexModel(PortalDbContext db, AuditLog audit, IPortalEvents events, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the organization's name.")]
    [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>One of <see cref="Industries.All"/>; empty means not set.</summary>
    [BindProperty]
    public string? Industry { get; set; }

    public string Host { get; private set; } = string.Empty;

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false, CancellationToken cancellationToken = default)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        Name = tenant.Name;
        Host = tenant.PrimaryHost;
        Industry = await db.Organizations.AsNoTracking().Where(o => o.Id == tenant.Id).Select(o => o.Industry).SingleAsync(cancellationToken);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        Host = tenant.PrimaryHost;
        var industry = string.IsNullOrWhiteSpace(Industry) ? null : Industries.All.FirstOrDefault(i => string.Equals(i, Industry.Trim(), StringComparison.OrdinalIgnoreCase));
        if (industry is null && !string.IsNullOrWhiteSpace(Industry))
            ModelState.AddModelError(nameof(Industry), "Choose the industry from the list, or “Not set”.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var org = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        var changed = false;
        if (org.Name != Name.Trim())
        {
            audit.Record("organization.renamed", $"{org.Name} → {Name.Trim()}");
            org.Name = Name.Trim();
            changed = true;
        }

        if (org.Industry != industry)
        {
            audit.Record("organization.industry_changed", $"Industry: {org.Industry ?? "not set"} → {industry ?? "not set"}");
            org.Industry = industry;
            changed = true;
        }

        if (changed) await events.SaveAndPublishAsync(db, new(org.Id, null, KernelEvents.OrganizationChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}
