namespace PartnerPortal.Data;

/// <summary>
/// A row that belongs to exactly one organization. The "Tenant" query filter hides rows of other
/// organizations and <see cref="PortalDbContext"/> stamps and checks <see cref="TenantId"/> on save.
/// A row that joins two organizations belongs to one of them; the other side reads it only in a
/// service that checks the relationship, with <c>IgnoreQueryFilters(["Tenant"])</c>.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>
/// A tenant-owned row that may also belong to the platform itself, with <see cref="ITenantOwned.TenantId"/>
/// = <see cref="Platform"/> (e.g. a platform admin's password-reset e-mail, queued on the platform
/// host). <see cref="PortalDbContext"/> accepts such a row only while there is no current tenant;
/// with a current tenant it is stamped and checked like any other, and every other type still
/// refuses to be written without a tenant.
/// </summary>
public interface IMayBelongToPlatform : ITenantOwned
{
    /// <summary>The tenant id of the platform's own rows.</summary>
    public static readonly Guid Platform = Guid.Empty;
}

/// <summary>
/// A row that is deliberately shared by all organizations (users, organizations and their domains,
/// plans). Declaring it is a decision: the model test fails on entities that are neither, and lists
/// every global type with its reason.
/// </summary>
public interface IGlobalEntity;
