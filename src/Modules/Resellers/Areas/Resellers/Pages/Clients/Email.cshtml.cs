using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>
/// A reseller edits a client's outgoing e-mail and sending domain from its own host (T4, T7, T8),
/// through the partner–client link: another reseller's client, or a direct client, is a 404 and
/// nothing changes (A2).
/// </summary>
public sealed class ClientEmailModel(SenderDomain sender, ITenantStore store, ITenantContext tenants, PartnerClients clients, IOptions<MailOptions> mail)
    : SenderSettingsModel(sender, store, tenants, mail)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public Guid ClientId { get; set; }

    protected override string SelfPath => $"/clients/{ClientId}/email";

    protected override async Task<TenantInfo?> FindTargetAsync(CancellationToken cancellationToken) => await clients.FindAsync(ClientId, cancellationToken);
}
