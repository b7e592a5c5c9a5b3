using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Settings;

/// <summary>
/// The reseller section of Settings, for owners (R1, R3): become a reseller, revert to a regular
/// organization, or ask a reseller to serve this account by its partner code.
/// </summary>
public sealed class ResellerModel(ResellerProgram program, ConnectRequests requests) : PageModel
{
    public TenantInfo Organization => HttpContext.Tenancy()!.Tenant!;

    public string? PartnerCode { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostConvertAsync(CancellationToken cancellationToken) =>
        await program.ConvertAsync(Organization.Id, cancellationToken) is { } error
            ? await FailAsync(error, cancellationToken)
            : Redirect("/clients");

    public async Task<IActionResult> OnPostRevertAsync(CancellationToken cancellationToken) =>
        await program.RevertAsync(Organization.Id, cancellationToken) is { } error
            ? await FailAsync(error, cancellationToken)
            : Redirect("/settings/reseller?message=" + Uri.EscapeDataString("This is a regular organization again."));

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken cancellationToken)
    {
        if (Organization.Kind == OrganizationKind.Partner) return await FailAsync("A reseller cannot become another reseller's client.", cancellationToken);
        var reseller = await program.FindByCodeAsync(Code, cancellationToken);
        if (await requests.RequestByCodeAsync(reseller, UserId, cancellationToken) is { } error) return await FailAsync(error, cancellationToken);
        return Redirect("/settings/reseller?message=" + Uri.EscapeDataString($"{reseller!.Name} was asked to serve this account. You are connected once they accept."));
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Organization.Kind == OrganizationKind.Partner) PartnerCode = await program.PartnerCodeAsync(Organization.Id, cancellationToken);
    }
}
