using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Audit;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Areas.Platform.Pages.Organizations;

/// <summary>One organization for the platform admin: who it is, and which modules are on for it.</summary>
public sealed class DetailModel(PortalDbContext db, ModuleSettings settings, IOptions<PortalOptions> portal, PlatformAudit audit) : PageModel
{
    public const string Default = "default";

    public Organization Organization { get; private set; } = null!;

    public string Host { get; private set; } = string.Empty;

    public string? Reseller { get; private set; }

    public IReadOnlyList<ModuleInOrganization> Modules { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>One select per module, named by the module: <c>on</c>, <c>off</c> or <see cref="Default"/>; a module not posted stays as it is.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] Dictionary<string, string>? module, CancellationToken cancellationToken)
    {
        var choices = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var (name, value) in module ?? [])
        {
            choices[name] = value switch { "on" => true, "off" => false, _ => null };
        }

        var changes = await settings.SaveAsync(id, choices, cancellationToken);
        if (changes is null) return NotFound();
        if (changes.Count > 0)
        {
            audit.Record("platform.organization_modules_changed", string.Join(". ", changes), id);
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage(new { id, message = changes.Count == 0 ? "Nothing changed." : "Saved. " + string.Join(". ", changes) + "." });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null) return false;
        Organization = organization;
        Host = organization.PrimaryHost ?? $"{organization.Slug}.{HostName.Normalize(portal.Value.PlatformDomain)}";
        Reseller = await db.PartnerClientLinks.AsNoTracking().Where(l => l.ClientId == id && l.EndedAt == null).Select(l => l.Partner!.Name).FirstOrDefaultAsync(cancellationToken);
        Modules = (await settings.ForOrganizationAsync(id, cancellationToken))!;
        return true;
    }
}
