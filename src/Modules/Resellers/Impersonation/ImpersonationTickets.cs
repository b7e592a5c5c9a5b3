using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Impersonation;

public enum TicketOutcome
{
    Accepted,

    /// <summary>Malformed, altered or never issued.</summary>
    Unknown,

    /// <summary>Already used once.</summary>
    Replayed,

    Expired,

    /// <summary>Presented on a host other than the client's primary host.</summary>
    WrongHost,
}

public sealed record TicketClaim(TicketOutcome Outcome, ImpersonationTicket? Ticket);

/// <summary>
/// Issues and claims the single-use hand-over tickets of log in as client (R5): 256 random bits,
/// only their SHA-256 stored, valid for <see cref="ImpersonationOptions.TicketLifetime"/> on one host.
/// A ticket is the issuing reseller's row; the claim on the client's host is the one read of it
/// across tenants, and it accepts the ticket only for the client and host it names.
/// </summary>
public sealed class ImpersonationTickets(PortalDbContext db, TimeProvider time, IOptions<ImpersonationOptions> options)
{
    /// <summary>Adds a ticket of the current reseller to the unit of work (the caller saves) and returns the token for the URL.</summary>
    public string Issue(Guid resellerId, Guid userId, TenantInfo client, string? reason)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        db.Set<ImpersonationTicket>().Add(new ImpersonationTicket
        {
            TokenHash = Hash(token),
            TenantId = resellerId,
            UserId = userId,
            ClientId = client.Id,
            Host = client.PrimaryHost,
            Reason = reason,
            CreatedAt = now,
            ExpiresAt = now + options.Value.TicketLifetime,
        });
        return token;
    }

    /// <summary>Deletes the current reseller's tickets expired for a day: the audit log keeps what happened to them, so old hashes serve nothing.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(1);
        return db.Set<ImpersonationTicket>().Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the ticket for this request. Any ticket that is found is used up, even when refused
    /// (expired, wrong host), so a leaked link never works later; the claim is a conditional
    /// update, so of two requests racing with one ticket only one can win.
    /// </summary>
    public async Task<TicketClaim> ClaimAsync(string? token, TenantInfo? here, string requestHost, CancellationToken cancellationToken = default)
    {
        // 32 bytes in base64url are 43 characters; anything else was never issued.
        if (token is not { Length: 43 } || token.AsSpan().ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
        {
            return new TicketClaim(TicketOutcome.Unknown, null);
        }

        var hash = Hash(token);
        // Found on any host, so that a ticket shown on the wrong one is used up too (checked below).
        var ticket = await db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (ticket is null) return new TicketClaim(TicketOutcome.Unknown, null);

        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).Where(t => t.Id == ticket.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (claimed != 1) return new TicketClaim(TicketOutcome.Replayed, ticket);
        if (ticket.ExpiresAt <= now) return new TicketClaim(TicketOutcome.Expired, ticket);
        if (here?.Id != ticket.ClientId || !string.Equals(HostName.Normalize(requestHost), ticket.Host, StringComparison.Ordinal))
        {
            return new TicketClaim(TicketOutcome.WrongHost, ticket);
        }

        return new TicketClaim(TicketOutcome.Accepted, ticket);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
