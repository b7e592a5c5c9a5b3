using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.ConsultantSeats.SignUp;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages;

/// <summary>
/// A consultant's sign-up link (C2), a public page on the platform host only: a visitor creates a
/// client organization with the consultant in a consultant seat and is invited as its owner.
/// Rate-limited per client address; a revoked or expired link, or one whose consultant is no
/// longer certified, says so and creates nothing.
/// </summary>
[EnableRateLimiting(SeatsRegistration.SignUpPolicy)]
public sealed class JoinModel(SignUpLinks links, TenantUrls urls, ITenantStore store) : SeatPage
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? OwnerEmail { get; set; }

    public UsableLink? Link { get; private set; }

    /// <summary>After a sign-up: the new account's address and where the invitation went.</summary>
    public (string Url, string Email)? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        Link = await links.FindUsableAsync(Code, cancellationToken);
        if (Link is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Tenancy() is not { IsPlatform: true }) return NotFound();
        Link = await links.FindUsableAsync(Code, cancellationToken);
        if (Link is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var (client, error) = await links.SignUpAsync(Link, new ClientSignUp(Name, Slug, OwnerEmail), cancellationToken);
        if (client is null) return await FailAsync(error!, () => Task.CompletedTask);
        var tenant = await store.FindByIdAsync(client.Id, cancellationToken);
        Created = (tenant is null ? string.Empty : urls.For(tenant, "/"), OwnerEmail!.Trim());
        return Page();
    }
}
