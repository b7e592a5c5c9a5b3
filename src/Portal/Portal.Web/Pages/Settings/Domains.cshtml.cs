using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>Custom domains (T2): add, see the DNS records to create, verify, choose the primary host, remove.</summary>
public sealed class DomainsModel(CustomDomains domains, TenantUrls urls) : PageModel
{
    [BindProperty]
    public string? Domain { get; set; }

    public IReadOnlyList<OrganizationDomain> Domains { get; private set; } = [];

    public string PlatformHost { get; private set; } = string.Empty;

    public string PrimaryHost { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    /// <summary>Why the last action failed; shown on the same page, nothing was changed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The domain the <see cref="Errors"/> are about, if any.</summary>
    public Guid? ErrorDomainId { get; private set; }

    public string? AddError { get; private set; }

    public IReadOnlyList<DnsRecordToCreate> RecordsFor(OrganizationDomain domain) => domains.RecordsFor(domain);

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (domain, error) = await domains.AddAsync(Domain, cancellationToken);
        if (error is not null)
        {
            AddError = error;
            return await FailAsync([error], null, cancellationToken);
        }

        return RedirectToPage(new { message = $"{domain!.Host} was added. Create the two DNS records below, then choose Verify." });
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var (domain, problems) = await domains.VerifyAsync(domainId, cancellationToken);
        if (domain is null || problems.Count > 0)
        {
            var about = domain is null ? problems : [$"{domain.Host} is not verified yet.", .. problems];
            return await FailAsync(about, domain?.Id, cancellationToken);
        }

        return RedirectToPage(new { message = $"{domain.Host} is verified. You can make it the primary address." });
    }

    public async Task<IActionResult> OnPostPrimaryAsync(Guid? domainId, CancellationToken cancellationToken)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        // An id that does not parse binds as null, which would mean "the platform subdomain".
        if (!ModelState.IsValid) return await FailAsync(["Choose one of the listed addresses."], null, cancellationToken);
        var (primary, error) = await domains.SetPrimaryAsync(domainId, cancellationToken);
        if (error is not null) return await FailAsync([error], domainId, cancellationToken);
        if (primary == tenant.PrimaryHost) return RedirectToPage(new { message = "Nothing changed." });

        // The organization now lives on the new host; every other host redirects there, and
        // sessions are per host, so the person continues (and signs in) on the new one.
        var message = $"{primary} is now the primary address. The other addresses redirect to it.";
        return Redirect(urls.For(tenant with { PrimaryHost = primary! }, $"/settings/domains?message={Uri.EscapeDataString(message)}"));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        var (host, error) = await domains.RemoveAsync(domainId, cancellationToken);
        if (error is not null) return await FailAsync([error], null, cancellationToken);

        var message = $"{host} was removed.";
        // Removing the primary host moves the organization back to its platform subdomain.
        return host == tenant.PrimaryHost
            ? Redirect(urls.For(tenant with { PrimaryHost = domains.PlatformHostOf(tenant) }, $"/settings/domains?message={Uri.EscapeDataString(message)}"))
            : RedirectToPage(new { message });
    }

    private async Task<IActionResult> FailAsync(IReadOnlyList<string> errors, Guid? domainId, CancellationToken cancellationToken)
    {
        Errors = errors;
        ErrorDomainId = domainId;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tenant = HttpContext.Tenancy()!.Tenant!;
        Domains = await domains.ListAsync(cancellationToken);
        PlatformHost = domains.PlatformHostOf(tenant);
        PrimaryHost = tenant.PrimaryHost;
    }
}
