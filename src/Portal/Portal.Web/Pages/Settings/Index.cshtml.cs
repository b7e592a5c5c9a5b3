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

    public string Host { get; private set; } = string.Empty;

    public bool Saved { get; private set; }

    public void OnGet(bool saved = false)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        Name = tenant.Name;
        Host = tenant.PrimaryHost;
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        Host = tenant.PrimaryHost;
        if (!ModelState.IsValid) return Page();

        var org = await db.Organizations.SingleAsync(o => o.Id == tenant.Id, cancellationToken);
        if (org.Name != Name.Trim())
        {
            audit.Record("organization.renamed", $"{org.Name} → {Name.Trim()}");
            org.Name = Name.Trim();
            await events.SaveAndPublishAsync(db, new(org.Id, null, KernelEvents.OrganizationChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        }

        return RedirectToPage(new { saved = true });
    }
}
