using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// What the reseller program adds to a partner organization: its partner code (R3), which an
/// account's owner enters to ask to be connected. Global, because the code is looked up from the
/// account's host.
/// </summary>
public class ResellerProfile : IGlobalEntity
{
    public Guid OrganizationId { get; set; }

    /// <summary>Upper-case letters and digits, e.g. <c>NW-7K2M9Q</c>; unique.</summary>
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
/// is kept; the request expires. Global: it names two organizations and each side reads it.
/// </summary>
public class ConnectRequest : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ResellerId { get; set; }

    public Guid AccountId { get; set; }

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
/// purge job removes it once <see cref="PurgeAfter"/> has passed. Kept after the purge as the record.
/// </summary>
public class ClientDeletion : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientId { get; set; }

    public Guid ResellerId { get; set; }

    public required string ClientName { get; set; }

    public Guid RequestedByUserId { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime PurgeAfter { get; set; }

    public DateTime? PurgedAt { get; set; }
}
