using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// Outgoing e-mail (T7) and the verified sending domain with its DKIM key (T8). The sender is a
/// white-label setting (T4): a reseller's client sees it read-only, and the reseller edits it from
/// its own host at <c>/clients/{clientId}/email</c>, through the partner–client link.
/// </summary>
public sealed class EmailModel(SenderDomain sender, ITenantStore store, ITenantContext tenants, PartnerClients clients, IOptions<MailOptions> mail) : PageModel
{
    /// <summary>Set on the reseller's route: the client whose sender the reseller edits.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? ClientId { get; set; }

    /// <summary>The organization this page shows: the current one, or the reseller's client.</summary>
    public TenantInfo Target { get; private set; } = null!;

    /// <summary>A reseller's client reads its sender here; only the reseller changes it.</summary>
    public bool ManagedByPartner => ClientId is null && Target.IsWhiteLabelled && HttpContext.Features.Get<OpenImpersonation>() is null;

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

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        if (await FindTargetAsync(cancellationToken) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        Message = message;
        var branding = (await CurrentAsync(cancellationToken)).Branding;
        MailFromName = branding.MailFromName;
        MailFromAddress = branding.MailFromAddress;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindTargetAsync(cancellationToken, writing: true) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        if (await sender.SaveAsync(MailFromName, MailFromAddress, cancellationToken) is { } error)
        {
            FormError = error;
            return await FailAsync([error], keepForm: true, cancellationToken);
        }

        return Redirect(SelfUrl("Saved."));
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        if (await FindTargetAsync(cancellationToken, writing: true) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        var key = await sender.GenerateKeyAsync(cancellationToken);
        return Redirect(SelfUrl($"A new DKIM key was generated (selector {key.Selector}). Publish its TXT record, then choose Verify."));
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        if (await FindTargetAsync(cancellationToken, writing: true) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        var problems = await sender.VerifyAsync(cancellationToken);
        if (problems.Count > 0) return await FailAsync(problems, keepForm: false, cancellationToken);
        return Redirect(SelfUrl("The sending domain is verified: e-mail now goes out from your address, DKIM-signed."));
    }

    /// <summary>This page on the route it was opened by (the reseller's or the organization's own).</summary>
    private string SelfUrl(string message) =>
        (ClientId is { } id ? $"/clients/{id}/email" : "/settings/email") + "?message=" + Uri.EscapeDataString(message);

    /// <summary>Sets <see cref="Target"/>; returns a refusal when the link is missing (404) or a reseller's client tries to write (403).</summary>
    private async Task<IActionResult?> FindTargetAsync(CancellationToken cancellationToken, bool writing = false)
    {
        if (ClientId is { } clientId)
        {
            var client = await clients.FindAsync(clientId, cancellationToken);
            if (client is null) return NotFound();
            Target = client;
            return null;
        }

        Target = HttpContext.Tenancy()!.Tenant!;
        return writing && ManagedByPartner ? StatusCode(StatusCodes.Status403Forbidden) : null;
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
        return await store.FindByIdAsync(Target.Id, cancellationToken) ?? Target;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var branding = (await CurrentAsync(cancellationToken)).Branding;
        Domain = SenderDomain.DomainOf(branding.MailFromAddress);
        Verified = branding.SenderDomainVerified && Domain is not null;
        Key = await sender.KeyAsync(cancellationToken);
    }
}
