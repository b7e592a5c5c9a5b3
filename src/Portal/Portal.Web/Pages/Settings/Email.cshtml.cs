using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// The organization's own outgoing e-mail (T7) and sending domain (T8). The sender is a white-label
/// setting (T4): a reseller's client sees it read-only here (its reseller edits it from its own host).
/// </summary>
public sealed class EmailModel(SenderDomain sender, ITenantStore store, ITenantContext tenants, IOptions<MailOptions> mail)
    : SenderSettingsModel(sender, store, tenants, mail)
{
    /// <summary>A reseller's client reads its sender here; only the reseller changes it (while logged in as the client, it may).</summary>
    public override bool ReadOnly => Target.IsWhiteLabelled && HttpContext.Features.Get<OpenImpersonation>() is null;

    protected override string SelfPath => "/settings/email";

    protected override Task<TenantInfo?> FindTargetAsync(CancellationToken cancellationToken) => Task.FromResult(HttpContext.Tenancy()?.Tenant);
}
