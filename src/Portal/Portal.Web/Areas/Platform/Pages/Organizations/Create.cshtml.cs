using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Mail;

namespace PartnerPortal.Web.Areas.Platform.Pages.Organizations;

public sealed class CreateOrganizationModel(OrganizationSetup setup, IOptions<PortalOptions> portal, PlatformAudit audit, PortalDbContext db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the organization's name.")]
        [StringLength(200)]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a subdomain.")]
        [StringLength(63)]
        public string Slug { get; set; } = string.Empty;

        public OrganizationKind Kind { get; set; }

        [Required(ErrorMessage = "Enter the owner's e-mail address.")]
        [DeliverableAddress]
        [StringLength(254)]
        public string OwnerEmail { get; set; } = string.Empty;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string PlatformDomain => portal.Value.PlatformDomain;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Slugs.Validate(Input.Slug?.Trim().ToLowerInvariant()) is { } slugError) ModelState.AddModelError("Input.Slug", slugError);
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", "Choose client or partner.");
        if (!ModelState.IsValid) return Page();

        var adminId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var (org, error) = await setup.CreateAsync(
            new NewOrganization(Input.Name, Input.Slug!, Input.Kind, Input.OwnerEmail.Trim()),
            User.Identity?.Name ?? "The platform", adminId, cancellationToken);
        if (org is null)
        {
            ModelState.AddModelError("Input.Slug", error!);
            return Page();
        }

        audit.Record("platform.organization_created", $"Created the {Input.Kind.ToString().ToLowerInvariant()} {org.Name} ({org.Slug}) for {Input.OwnerEmail.Trim()}", org.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/platform/organizations?message={Uri.EscapeDataString($"{org.Name} was created.")}");
    }
}
