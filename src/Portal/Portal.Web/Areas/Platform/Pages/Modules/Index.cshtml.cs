using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Areas.Platform.Pages.Modules;

/// <summary>The installed modules and whether each is on by default for clients and for partners (platform host only).</summary>
public sealed class ModulesModel(ModuleSettings settings, PlatformAudit audit, PortalDbContext db) : PageModel
{
    public IReadOnlyList<ModuleDefaultsRow> Modules { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: <= 500 } ? message : null;
        Modules = await settings.DefaultsAsync(cancellationToken);
    }

    /// <summary>One checkbox per module and kind, named <c>{module}:{kind}</c>; an unchecked box is off.</summary>
    public async Task<IActionResult> OnPostAsync(string[]? on, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<(string, OrganizationKind)>();
        foreach (var value in on ?? [])
        {
            var parts = value.Split(':');
            if (parts.Length == 2 && Enum.TryParse<OrganizationKind>(parts[1], out var kind) && Enum.IsDefined(kind)) wanted.Add((parts[0], kind));
        }

        var changes = await settings.SaveDefaultsAsync(wanted, User.Identity?.Name ?? "?", cancellationToken);
        if (changes.Count > 0)
        {
            audit.Record("platform.module_defaults_changed", string.Join(". ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage(new { message = changes.Count == 0 ? "Nothing changed." : "Saved. " + string.Join(". ", changes) + "." });
    }
}
