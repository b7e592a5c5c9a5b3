using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Pages.Clients;

/// <summary>A reseller's client accounts, on the reseller's own host, with a way to their white-label settings (T4).</summary>
[RequireMembership(OrganizationRole.Admin)]
public sealed class ClientsIndexModel(PartnerClients clients) : PageModel
{
    public IReadOnlyList<PartnerClients.Client> Clients { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy()!.Tenant!.Kind != OrganizationKind.Partner) return NotFound();
        Clients = await clients.ListAsync(cancellationToken);
        return Page();
    }
}
