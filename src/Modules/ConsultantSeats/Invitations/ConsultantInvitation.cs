using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Invitations;

/// <summary>
/// A client's e-mailed invitation of a consultant into one of its workspaces (C3): single use,
/// expiring, and only a hash of its token is kept. Owned by the client.
/// </summary>
public class ConsultantInvitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client organization.</summary>
    public Guid TenantId { get; set; }

    public Guid WorkspaceId { get; set; }

    public required string Email { get; set; }

    /// <summary>SHA-256 of the token in the e-mailed link.</summary>
    public required string TokenHash { get; set; }

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && WithdrawnAt is null && ExpiresAt > now;
}
