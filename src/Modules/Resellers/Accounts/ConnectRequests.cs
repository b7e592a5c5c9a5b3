using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// Connecting an existing account to a reseller (R3). The reseller asks by the account's host and
/// the account's owners approve or decline through an e-mailed link on their own host; or the
/// account's owner enters the reseller's partner code and the reseller accepts. No password ever
/// changes hands; each step is audited on both sides. A request belongs to the account; the
/// reseller's side reads and answers only the requests that name it as the reseller.
/// </summary>
public sealed class ConnectRequests(
    PortalDbContext db,
    ITenantStore store,
    ITenantContext tenants,
    IPortalEvents events,
    IMailer mailer,
    TenantUrls urls,
    AuditLog audit,
    TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The current reseller asks to connect the account at <paramref name="host"/>. Returns an error, or null when the owners were e-mailed.</summary>
    public async Task<string?> RequestByHostAsync(string? host, Guid userId, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current!;
        if (!HostName.TryNormalize(host?.Trim(), out var normalized))
            return "Enter the account's address, such as acme.example.com.";
        var resolution = await store.ResolveAsync(normalized, cancellationToken);
        if (resolution.Tenant is not { } account) return $"No account answers at {normalized}. Check the address (its platform subdomain or a verified custom domain).";
        if (await RefusalAsync(reseller.Id, account, cancellationToken) is { } refusal) return refusal;

        var owners = await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.TenantId == account.Id && m.Role == OrganizationRole.Owner && m.DeactivatedAt == null)
            .Select(m => m.User!.Email!).ToListAsync(cancellationToken);
        if (owners.Count == 0) return $"{account.Name} has no owner who could approve the request.";

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        audit.Record("connect.requested", $"asked {account.Name} ({account.PrimaryHost}) to connect");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(account))
        {
            // The request is the account's: it is written while the account is current, with the mail to its owners.
            db.Set<ConnectRequest>().Add(new ConnectRequest { ResellerId = reseller.Id, Direction = ConnectDirection.ResellerAsked, TokenHash = Invitations.Hash(token), RequestedByUserId = userId, CreatedAt = now, ExpiresAt = now + Lifetime });
            foreach (var owner in owners)
            {
                mailer.Queue("connect-request", new Dictionary<string, string?>
                {
                    ["reseller_name"] = reseller.Name,
                    ["review_url"] = urls.For(account, $"/settings/reseller/connect?token={token}"),
                    ["expires_days"] = Lifetime.Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, new MailRecipient(owner));
            }

            audit.Record("connect.requested_by_reseller", $"{reseller.Name} asked to serve this account");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The current account's owner enters a reseller's partner code. Returns an error, or null when the reseller was asked.</summary>
    public async Task<string?> RequestByCodeAsync(Organization? reseller, Guid userId, CancellationToken cancellationToken = default)
    {
        var account = tenants.Current!;
        if (reseller is null) return "No reseller has that partner code. Check it with your reseller.";
        if (await RefusalAsync(reseller.Id, account, cancellationToken) is { } refusal) return refusal;
        var now = time.GetUtcNow().UtcDateTime;
        db.Set<ConnectRequest>().Add(new ConnectRequest { ResellerId = reseller.Id, Direction = ConnectDirection.AccountAsked, RequestedByUserId = userId, CreatedAt = now, ExpiresAt = now + Lifetime });
        audit.Record("connect.requested", $"asked {reseller.Name} to serve this account");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RecordInAsync(reseller.Id, "connect.requested_by_account", $"{account.Name} ({account.PrimaryHost}) asked to be connected", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The open reseller-asked request for the current account with that token, or null.</summary>
    public async Task<ConnectRequest?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || tenants.Current is not { } account) return null;
        var hash = Invitations.Hash(token);
        var request = await db.Set<ConnectRequest>().FirstOrDefaultAsync(r => r.TokenHash == hash && r.TenantId == account.Id, cancellationToken);
        return request is not null && request.IsOpen(time.GetUtcNow().UtcDateTime) ? request : null;
    }

    /// <summary>Account-asked requests waiting for the current reseller.</summary>
    public async Task<IReadOnlyList<(ConnectRequest Request, string AccountName)>> WaitingForResellerAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var resellerId = tenants.Current!.Id;
        // The accounts' requests that name this reseller: the one way a reseller sees them.
        var open = await db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(r => r.ResellerId == resellerId && r.Direction == ConnectDirection.AccountAsked && r.DecidedAt == null && r.ExpiresAt > now)
            .Join(db.Organizations, r => r.TenantId, o => o.Id, (r, o) => new { Request = r, o.Name })
            .OrderBy(x => x.Request.CreatedAt).ToListAsync(cancellationToken);
        return open.Select(x => (x.Request, x.Name)).ToList();
    }

    /// <summary>An account-asked request of the current reseller, by id; null when it is not one.</summary>
    public async Task<ConnectRequest?> FindForResellerAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var resellerId = tenants.Current!.Id;
        var request = await db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"])
            .FirstOrDefaultAsync(r => r.Id == requestId && r.ResellerId == resellerId && r.Direction == ConnectDirection.AccountAsked, cancellationToken);
        return request is not null && request.IsOpen(now) ? request : null;
    }

    /// <summary>Approves or declines; on approval the partner–client link is made. Returns an error, or null.</summary>
    public async Task<string?> DecideAsync(ConnectRequest request, bool approve, Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var account = await store.FindByIdAsync(request.TenantId, cancellationToken);
        var reseller = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.ResellerId, cancellationToken);
        if (account is null || reseller is null) return "This request no longer applies.";
        if (approve && await RefusalAsync(reseller.Id, account, cancellationToken) is { } refusal) return refusal;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The request and the subscription are the account's: both are written while it is current,
        // whichever side answers.
        using (tenants.Change(account))
        {
            request.DecidedAt = now;
            request.Approved = approve;
            request.DecidedByUserId = userId;
            if (approve)
            {
                db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = reseller.Id, ClientId = account.Id, CreatedAt = now });
                // An existing account keeps its plan and goes on paying for itself until both sides agree otherwise (R14).
                var subscription = await db.AccountSubscriptions.FirstOrDefaultAsync(cancellationToken);
                if (subscription is not null) subscription.BillingMode = BillingMode.ClientBilled;
                else if (await db.Plans.AsNoTracking().Where(p => p.IsDefault).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } free)
                    db.AccountSubscriptions.Add(new AccountSubscription { PlanId = free, ChangedAt = now, BillingMode = BillingMode.ClientBilled });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var verb = approve ? "approved" : "declined";
        await RecordInAsync(account.Id, $"connect.{verb}", $"connection to reseller {reseller.Name} {verb}", cancellationToken);
        await RecordInAsync(reseller.Id, $"connect.{verb}", $"connection of {account.Name} {verb}", cancellationToken);
        if (approve)
        {
            await events.PublishAsync(new PortalEvent(account.Id, userId, KernelEvents.PartnerLinkChanged, now), cancellationToken);
            await events.PublishAsync(new PortalEvent(account.Id, userId, KernelEvents.SubscriptionChanged, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task<string?> RefusalAsync(Guid resellerId, TenantInfo account, CancellationToken cancellationToken)
    {
        if (account.Id == resellerId) return "A reseller cannot connect itself as its own client.";
        if (account.Kind == OrganizationKind.Partner) return $"{account.Name} is a reseller itself; resellers cannot be connected as clients.";
        var current = await db.PartnerClientLinks.AsNoTracking().Where(l => l.ClientId == account.Id && l.EndedAt == null).Select(l => (Guid?)l.PartnerId).FirstOrDefaultAsync(cancellationToken);
        if (current == resellerId) return $"{account.Name} is already connected to this reseller.";
        if (current is not null) return $"{account.Name} is already served by another reseller. It must be detached there first.";
        return null;
    }

    private async Task RecordInAsync(Guid organizationId, string action, string detail, CancellationToken cancellationToken)
    {
        var tenant = await store.FindByIdAsync(organizationId, cancellationToken) ?? throw new InvalidOperationException($"No organization {organizationId}.");
        using (tenants.Change(tenant))
        {
            audit.Record(action, detail);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
