using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Impersonation;

/// <summary>
/// The client's side of log in as client (R5): claims the ticket, opens the session and signs in
/// a session on this host only. The reseller's own session (another host's cookie) and the
/// client's own users' sessions are never touched. Every refusal is audited.
/// </summary>
public sealed class ImpersonationHandOver(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    ImpersonationTickets tickets,
    ImpersonationSessions sessions,
    ImpersonationPolicies policies,
    PartnerAccess access,
    AuditLog audit,
    SignInManager<PortalUser> signIn,
    IOptions<ImpersonationOptions> options)
{
    public async Task<TicketOutcome> AcceptAsync(HttpContext http, string? token, CancellationToken cancellationToken = default)
    {
        var here = tenants.Current;
        var claim = await tickets.ClaimAsync(token, here, http.Request.Host.Host, cancellationToken);
        var user = claim.Ticket is { } issued ? await db.Users.SingleOrDefaultAsync(u => u.Id == issued.UserId, cancellationToken) : null;
        var outcome = claim.Outcome;
        TenantInfo? reseller = null;
        if (outcome == TicketOutcome.Accepted)
        {
            reseller = await store.FindByIdAsync(claim.Ticket!.TenantId, cancellationToken);
            // The link or the assignment may have ended in the seconds since the ticket was issued.
            if (user is null || reseller is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user)
                || !await access.CanEnterAsync(reseller.Id, user.Id, here!.Id, cancellationToken))
            {
                outcome = TicketOutcome.Unknown;
            }
        }

        if (outcome != TicketOutcome.Accepted)
        {
            await AuditRefusalAsync(outcome, claim.Ticket, user, http.Request.Host.Host, cancellationToken);
            return outcome;
        }

        var ticket = claim.Ticket!;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var session = sessions.Start(reseller!, user!, ticket.Reason);
            if (await policies.GetAsync(cancellationToken) == ImpersonationPolicy.Notify) await policies.NotifyOwnersAsync(session, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await sessions.AuditInResellerAsync(reseller!.Id, "impersonation.started",
                $"{user!.Email} logged in as client {here!.Name}{ImpersonationSessions.ReasonText(ticket.Reason)}", user.Id, user.Email!, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var principal = await signIn.CreateUserPrincipalAsync(user);
            ((ClaimsIdentity)principal.Identity!).AddClaims(
            [
                new Claim(ImpersonationClaims.Id, session.Id.ToString()),
                new Claim(ImpersonationClaims.ResellerId, reseller.Id.ToString()),
                new Claim(ImpersonationClaims.ResellerName, reseller.Name),
                new Claim(AuditLog.ActorClaim, user.Id.ToString()),
                new Claim(AuditLog.ActorEmailClaim, user.Email!),
            ]);
            await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties
            {
                IsPersistent = false,
                ExpiresUtc = session.StartedAt + options.Value.AbsoluteTimeout,
            });
        }

        return TicketOutcome.Accepted;
    }

    /// <summary>Audits in the ticket's client when the ticket is known, else in the organization of this host.</summary>
    private async Task AuditRefusalAsync(TicketOutcome outcome, ImpersonationTicket? ticket, PortalUser? user, string host, CancellationToken cancellationToken)
    {
        var why = outcome switch
        {
            TicketOutcome.Replayed => "it was used already",
            TicketOutcome.Expired => "it had expired",
            TicketOutcome.WrongHost => $"it was presented on {HostName.Normalize(host)}, not on {ticket?.Host}",
            _ when ticket is not null => "the reseller user may no longer enter this account",
            _ => "it is unknown or was altered",
        };
        var organization = ticket is null ? tenants.Current : await store.FindByIdAsync(ticket.ClientId, cancellationToken);
        if (organization is null) return;
        using var _ = tenants.Change(organization);
        var detail = $"A log-in-as-client ticket{(user is null ? string.Empty : $" of {user.Email}")} was refused: {why}";
        if (user is null) audit.Record("impersonation.ticket_refused", detail);
        else ImpersonationAudit.Record(audit, "impersonation.ticket_refused", detail, user.Id, user.Email!);
        await db.SaveChangesAsync(cancellationToken);
    }
}
