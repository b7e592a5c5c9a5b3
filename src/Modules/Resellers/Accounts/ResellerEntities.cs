using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// What the reseller program adds to a partner organization: its partner code (R3), which an
/// account's owner enters to ask to be connected. Owned by the reseller; the code is looked up from
/// the account's host only by <see cref="ResellerProgram.FindByCodeAsync"/>.
/// </summary>
public class ResellerProfile : ITenantOwned
{
    /// <summary>The reseller (one profile per organization).</summary>
    public Guid TenantId { get; set; }

    /// <summary>Upper-case letters and digits, e.g. <c>NW-7K2M9Q</c>; unique across the platform.</summary>
    public required string PartnerCode { get; set; }

    public DateTime BecameResellerAt { get; set; }
}

public enum ConnectDirection
{
    /// <summary>The reseller asked; the account's owners approve or decline by an e-mailed link.</summary>
    ResellerAsked = 0,

    /// <summary>The account's owner entered the reseller's partner code; the reseller's admins accept or decline.</summary>
    AccountAsked = 1,
}

/// <summary>
/// A request to connect an existing account to a reseller (R3). Only a hash of the e-mailed token
/// is kept; the request expires. Owned by the account, whose consent it asks for either way; the
/// reseller reads and answers the requests that name it through <see cref="ConnectRequests"/>.
/// </summary>
public class ConnectRequest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ResellerId { get; set; }

    /// <summary>The account to be connected.</summary>
    public Guid TenantId { get; set; }

    public ConnectDirection Direction { get; set; }

    /// <summary>SHA-256 of the token in the approval link (reseller-asked requests only).</summary>
    public string? TokenHash { get; set; }

    public Guid RequestedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    public bool? Approved { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public bool IsOpen(DateTime now) => DecidedAt is null && ExpiresAt > now;
}

/// <summary>
/// A client account its reseller deleted (R9): suspended at once, its hosts answer 404, and the
/// purge job removes it once <see cref="PurgeAfter"/> has passed. Owned by the reseller, whose act it
/// records and whose record outlives the purged client; the client's hosts only ask whether a row
/// names them (<see cref="DeletedClients"/>).
/// </summary>
public class ClientDeletion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientId { get; set; }

    /// <summary>The reseller that deleted the client.</summary>
    public Guid TenantId { get; set; }

    public required string ClientName { get; set; }

    public Guid RequestedByUserId { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime PurgeAfter { get; set; }

    public DateTime? PurgedAt { get; set; }
}
