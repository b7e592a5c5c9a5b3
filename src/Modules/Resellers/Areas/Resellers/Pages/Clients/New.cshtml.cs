using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Mail;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>Create a client account (R2): name, subdomain and admin e-mail; it starts on the free plan, attached to this reseller.</summary>
public sealed class NewModel(PartnerAccess access, ClientAccounts accounts) : ResellerPage(access)
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the client's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a subdomain.")]
        [StringLength(63, ErrorMessage = "A subdomain has at most 63 characters.")]
        public string Subdomain { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the admin's e-mail address.")]
        [DeliverableAddress]
        [StringLength(254)]
        public string AdminEmail { get; set; } = string.Empty;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadRightsAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadRightsAsync(cancellationToken) is { } refused) return refused;
        if (!ModelState.IsValid) return await Fail(null);
        var (client, error) = await accounts.CreateAsync(Input.Name, Input.Subdomain, Input.AdminEmail, UserId, cancellationToken);
        if (client is null) return await Fail(error);
        return Redirect($"/clients/{client.Id}?created=true");
    }

    private Task<IActionResult> Fail(string? error) => FailAsync(error ?? "Nothing was created. Correct the fields marked below.");
}
