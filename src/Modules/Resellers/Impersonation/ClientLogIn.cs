using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Impersonation;

public enum LogInStep
{
    /// <summary>Not a client of this reseller (or not a reseller): nothing is stored.</summary>
    NotFound,

    /// <summary>Linked, but this user may not enter it (an employee not assigned to it).</summary>
    Refused,

    /// <summary>Policy "ask me first": the owners have a request to answer.</summary>
    WaitingForApproval,

    /// <summary>A ticket was issued: go to <see cref="LogInResult.RedirectUrl"/>.</summary>
    Redirect,
}

public sealed record LogInResult(LogInStep Step, string? ClientName = null, string? RedirectUrl = null, DateTime? RequestedAt = null);

/// <summary>
/// The reseller's side of log in as client (R5), on the reseller's host: checks the link and the
/// user's right to enter (<see cref="PartnerAccess"/>), then the client's policy, then issues the
/// ticket for the client's primary host.
/// </summary>
public sealed class ClientLogIn(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    PartnerAccess access,
    ImpersonationTickets tickets,
    ImpersonationPolicies policies,
    TenantUrls urls,
    AuditLog audit)
{
    public const int ReasonMaxLength = 500;

    /// <summary>The client when the current organization is a reseller linked to it; otherwise null.</summary>
    public async Task<TenantInfo?> FindClientAsync(Guid clientId, CancellationToken cancellationToken = default)
    {
        if (tenants.Current is not { Kind: OrganizationKind.Partner } partner) return null;
        var linked = await db.PartnerClientLinks.AsNoTracking()
            .AnyAsync(l => l.PartnerId == partner.Id && l.ClientId == clientId && l.EndedAt == null, cancellationToken);
        return linked ? await store.FindByIdAsync(clientId, cancellationToken) : null;
    }

    public async Task<LogInResult> StartAsync(Guid clientId, Guid userId, string userEmail, string? reason, CancellationToken cancellationToken = default)
    {
        if (await FindClientAsync(clientId, cancellationToken) is not { } client) return new LogInResult(LogInStep.NotFound);
        var reseller = tenants.Current!;
        if (!await access.CanEnterAsync(reseller.Id, userId, clientId, cancellationToken)) return new LogInResult(LogInStep.Refused, client.Name);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

        using (tenants.Change(client))
        {
            if (await policies.GetAsync(cancellationToken) == ImpersonationPolicy.AskFirst)
            {
                var open = await policies.OpenRequestAsync(reseller.Id, userId, cancellationToken);
                if (open is null)
                {
                    open = await policies.AskAsync(reseller, userId, userEmail, reason, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }

                if (open.IsPending) return new LogInResult(LogInStep.WaitingForApproval, client.Name, RequestedAt: open.RequestedAt);
            }
        }

        await tickets.PurgeAsync(cancellationToken);
        var token = tickets.Issue(reseller.Id, userId, client, reason);
        audit.Record("impersonation.ticket_issued", $"Log in as client {client.Name}{ImpersonationSessions.ReasonText(reason)}");
        await db.SaveChangesAsync(cancellationToken);
        return new LogInResult(LogInStep.Redirect, client.Name, urls.For(client, $"{HandOverPath}?ticket={token}"));
    }

    public const string HandOverPath = "/_impersonate";
}
