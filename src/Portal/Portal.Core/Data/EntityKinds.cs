namespace PartnerPortal.Data;

/// <summary>
/// A row that belongs to exactly one organization. The "Tenant" query filter hides rows of other
/// organizations and <see cref="PortalDbContext"/> stamps and checks <see cref="TenantId"/> on save.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>
/// A row that is deliberately shared by all organizations (organizations themselves, users, the
/// mail outbox). Declaring it is a decision: the model test fails on entities that are neither.
/// </summary>
public interface IGlobalEntity;
