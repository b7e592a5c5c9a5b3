using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>
/// The outgoing e-mail (T7) and verified sending domain with its DKIM key (T8) of one
/// organization, as a page edits them: an organization's own settings page, and a reseller's page
/// for a client's sender (the sender is a white-label setting, T4). The pages differ only in which
/// organization they show and whether it may be changed there; the shared form is the host's
/// <c>_SenderSettings</c> partial.
/// </summary>
public abstract class SenderSettingsModel(SenderDomain sender, ITenantStore store, ITenantContext tenants, IOptions<MailOptions> mail) : PageModel
{
    /// <summary>The organization this page shows.</summary>
    public TenantInfo Target { get; private set; } = null!;

    /// <summary>True where the page shows the sender read-only (a reseller's client looking at its own).</summary>
    public virtual bool ReadOnly => false;

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

    /// <summary>The organization this page is about, or null when the page does not exist for this request (a 404).</summary>
    protected abstract Task<TenantInfo?> FindTargetAsync(CancellationToken cancellationToken);

    /// <summary>This page's own address, where each action lands with its message.</summary>
    protected abstract string SelfPath { get; }

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        if (await LoadTargetAsync(writing: false, cancellationToken) is { } refusal) return refusal;
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
        if (await LoadTargetAsync(writing: true, cancellationToken) is { } refusal) return refusal;
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
        if (await LoadTargetAsync(writing: true, cancellationToken) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        var key = await sender.GenerateKeyAsync(cancellationToken);
        return Redirect(SelfUrl($"A new DKIM key was generated (selector {key.Selector}). Publish its TXT record, then choose Verify."));
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        if (await LoadTargetAsync(writing: true, cancellationToken) is { } refusal) return refusal;
        using var _ = tenants.Change(Target);
        var problems = await sender.VerifyAsync(cancellationToken);
        if (problems.Count > 0) return await FailAsync(problems, keepForm: false, cancellationToken);
        return Redirect(SelfUrl("The sending domain is verified: e-mail now goes out from your address, DKIM-signed."));
    }

    private string SelfUrl(string message) => SelfPath + "?message=" + Uri.EscapeDataString(message);

    /// <summary>Sets <see cref="Target"/>; a 404 when there is none, a 403 for a write where the page is read-only.</summary>
    private async Task<IActionResult?> LoadTargetAsync(bool writing, CancellationToken cancellationToken)
    {
        if (await FindTargetAsync(cancellationToken) is not { } target) return NotFound();
        Target = target;
        return writing && ReadOnly ? StatusCode(StatusCodes.Status403Forbidden) : null;
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

    // Read afresh: the request's tenant was resolved before any change this request made.
    private async Task<TenantInfo> CurrentAsync(CancellationToken cancellationToken) =>
        await store.FindByIdAsync(Target.Id, cancellationToken) ?? Target;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var branding = (await CurrentAsync(cancellationToken)).Branding;
        Domain = SenderDomain.DomainOf(branding.MailFromAddress);
        Verified = branding.SenderDomainVerified && Domain is not null;
        Key = await sender.KeyAsync(cancellationToken);
    }
}
