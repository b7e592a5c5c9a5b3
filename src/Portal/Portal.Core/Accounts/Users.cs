using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;

namespace PartnerPortal.Accounts;

/// <summary>One global identity per e-mail address; what it may do comes from memberships.</summary>
public class PortalUser : IdentityUser<Guid>, IGlobalEntity
{
    public PortalUser() => Id = Guid.CreateVersion7();

    public string? DisplayName { get; set; }

    /// <summary>Operator staff: signs in on the platform host only.</summary>
    public bool IsPlatformAdmin { get; set; }

    public DateTime CreatedAt { get; set; }
}

public class PortalUserClaim : IdentityUserClaim<Guid>, IGlobalEntity;

/// <summary>Identity's external login; not mapped (the portal offers no external sign-in), kept because Identity's context names the type.</summary>
public class PortalUserLogin : IdentityUserLogin<Guid>;

public class PortalUserToken : IdentityUserToken<Guid>, IGlobalEntity;

/// <summary>Claims the portal adds to a session besides Identity's own.</summary>
public static class PortalClaims
{
    /// <summary>The organization the session was issued on, or <see cref="PlatformTenant"/>.</summary>
    public const string Tenant = "tenant";

    public const string PlatformTenant = "platform";

    /// <summary>"true" for a platform admin signed in on the platform host.</summary>
    public const string PlatformAdmin = "platform_admin";
}
