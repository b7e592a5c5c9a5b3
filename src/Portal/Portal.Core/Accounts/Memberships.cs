using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

public enum OrganizationRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}

public enum WorkspaceRole
{
    /// <summary>Works with the solutions assigned to them.</summary>
    Member = 0,

    /// <summary>Sees every solution of the workspace, changes nothing.</summary>
    ExecutiveViewer = 1,

    /// <summary>Adds and removes people and builds every solution of the workspace.</summary>
    Admin = 2,

    /// <summary>
    /// A certified consultant in a free, protected seat (C5, C6): builds and sees only the solutions
    /// they built or were given. Held through a membership a module manages, never set by hand.
    /// </summary>
    Consultant = 3,
}

/// <summary>A user's place in an organization (C11). The organization is the tenant.</summary>
public class Membership : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public PortalUser? User { get; set; }

    public OrganizationRole Role { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastActiveAt { get; set; }

    /// <summary>
    /// In a partner organization (R15): a support specialist enters the client accounts assigned to
    /// them but never sees reseller prices, costs or billing. Owners and admins are partner admins;
    /// other members are partner employees.
    /// </summary>
    public bool SupportSpecialist { get; set; }

    /// <summary>A deactivated member keeps their history but reaches nothing; only partner admins reactivate (R13).</summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>
    /// The module that made this membership and alone changes or ends it (a consultant seat, C5):
    /// the organization's own member pages show it read-only. Null for the organization's own people.
    /// </summary>
    public string? ManagedBy { get; set; }

    /// <summary>What a free seat is called ("consultant seat"); a free seat never counts toward the plan's members (C4). Null for a paid seat.</summary>
    public string? FreeSeat { get; set; }
}

/// <summary>
/// Which partner employee may enter which client account (R13, the client access manager). Partner
/// admins reach every linked client without one. Lives in the partner's tenant.
/// </summary>
public class PartnerClientAssignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Guid ClientId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid AssignedByUserId { get; set; }
}

/// <summary>A space inside an organization; every organization starts with one.</summary>
public class Workspace : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set while the workspace is archived: it is hidden from every list and page (no one works in
    /// it), its solutions, records and people are kept, and an organization admin can restore it.
    /// </summary>
    public DateTime? ArchivedAt { get; set; }

    public List<WorkspaceMembership> Members { get; set; } = [];
}

public class WorkspaceMembership : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public Guid UserId { get; set; }

    public PortalUser? User { get; set; }

    public WorkspaceRole Role { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>An e-mailed invitation into an organization. Only a hash of the token is stored.</summary>
public class Invitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Email { get; set; }

    public OrganizationRole Role { get; set; }

    /// <summary>The invitee joins as a support specialist (R15): sees assigned clients, no prices, costs or billing.</summary>
    public bool SupportSpecialist { get; set; }

    public required string TokenHash { get; set; }

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
