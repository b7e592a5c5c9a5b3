using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>Outgoing e-mail (T7) and the verified sending domain with its DKIM key (T8).</summary>
[RequireMembership(OrganizationRole.Admin)]
public sealed class EmailModel(SenderDomain sender, ITenantStore store, IOptions<MailOptions> mail) : PageModel
{
    [BindProperty]
    public string? MailFromName { get; set; }

    [BindProperty]
    public string? MailFromAddress { get; set; }

    public string? Domain { get; private set; }

    public bool Verified { get; private set; }

    public DkimKey? Key { get; private set; }

    public string PlatformAddress => mail.Value.FromAddress;

    public string? SpfInclude => string.IsNullOrWhiteSpace(mail.Value.SpfInclude) ? null : mail.Value.SpfInclude.Trim();

    public string? Message { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? FormError { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        var branding = (await CurrentAsync(cancellationToken)).Branding;
        MailFromName = branding.MailFromName;
        MailFromAddress = branding.MailFromAddress;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await sender.SaveAsync(MailFromName, MailFromAddress, cancellationToken) is { } error)
        {
            FormError = error;
            return await FailAsync([error], keepForm: true, cancellationToken);
        }

        return RedirectToPage(new { message = "Saved." });
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        var key = await sender.GenerateKeyAsync(cancellationToken);
        return RedirectToPage(new { message = $"A new DKIM key was generated (selector {key.Selector}). Publish its TXT record, then choose Verify." });
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var problems = await sender.VerifyAsync(cancellationToken);
        if (problems.Count > 0) return await FailAsync(problems, keepForm: false, cancellationToken);
        return RedirectToPage(new { message = "The sending domain is verified: e-mail now goes out from your address, DKIM-signed." });
    }

    private async Task<IActionResult> FailAsync(IReadOnlyList<string> errors, bool keepForm, CancellationToken cancellationToken)
    {
        Errors = errors;
        if (!keepForm)
        {
            var branding = (await CurrentAsync(cancellationToken)).Branding;
            MailFromName = branding.MailFromName;
            MailFromAddress = branding.MailFromAddress;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<TenantInfo> CurrentAsync(CancellationToken cancellationToken)
    {
        // Read afresh: the request's tenant was resolved before any change this request made.
        var tenant = HttpContext.Tenancy()!.Tenant!;
        return await store.FindByIdAsync(tenant.Id, cancellationToken) ?? tenant;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var branding = (await CurrentAsync(cancellationToken)).Branding;
        Domain = SenderDomain.DomainOf(branding.MailFromAddress);
        Verified = branding.SenderDomainVerified && Domain is not null;
        Key = await sender.KeyAsync(cancellationToken);
    }
}
