using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.SignUp;

/// <summary>
/// A certified consultant's sign-up link on the platform host (C2): whoever follows it creates a
/// new client organization with the consultant in a consultant seat, attributed to the partner.
/// Owned by the partner. It expires, and the consultant revokes or renews it (a renewal is a new
/// link; the old one stops working).
/// </summary>
/// <remarks>
/// The code is kept as it is, not hashed: the consultant shares the link openly and must be able
/// to see it again, and it lets no one into anything (a sign-up creates a new organization only).
/// It is 128 random bits, so it cannot be guessed.
/// </remarks>
public class SignUpLink : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The consultant's partner organization.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The consultant.</summary>
    public Guid UserId { get; set; }

    public required string Code { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>How many client organizations were created through it.</summary>
    public int SignUps { get; set; }

    public bool IsUsable(DateTime now) => RevokedAt is null && ExpiresAt > now;
}
