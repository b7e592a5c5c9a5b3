using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// Who may open a page or endpoint (as endpoint metadata, set by page conventions) and who sees a
/// link or section of the shell. One type for both, so a link is shown exactly to those its page
/// lets in.
/// </summary>
public sealed record Audience
{
    private Audience(AudienceKind kind) => Kind = kind;

    /// <summary>Anyone on any host: sign-in, errors, public assets. The page itself decides what it shows.</summary>
    public static Audience Anyone { get; } = new(AudienceKind.Anyone);

    /// <summary>Signed-in platform admins on the platform host; a 404 on every organization's host.</summary>
    public static Audience PlatformAdmins { get; } = new(AudienceKind.PlatformAdmins);

    /// <summary>
    /// Active members of the host's organization with at least <paramref name="atLeast"/>; only in
    /// organizations of <paramref name="kind"/> when given (a 404 in others). A reseller logged in
    /// as the organization acts as its owner.
    /// </summary>
    public static Audience Members(OrganizationRole atLeast = OrganizationRole.Member, OrganizationKind? kind = null) =>
        new(AudienceKind.Members) { MinRole = atLeast, OrganizationKind = kind };

    public AudienceKind Kind { get; }

    public OrganizationRole MinRole { get; private init; }

    public OrganizationKind? OrganizationKind { get; private init; }

    /// <summary>Closed to a reseller logged in as the organization: the owners' own controls over their partners (A5).</summary>
    public bool OwnPeopleOnly { get; private init; }

    /// <summary>Shown only while a reseller is logged in as the organization (the banner's actions).</summary>
    public bool WhileImpersonating { get; private init; }

    /// <summary>The same audience without resellers logged in as the organization.</summary>
    public Audience ExceptImpersonators() => this with { OwnPeopleOnly = true };

    /// <summary>The same audience, only while a reseller is logged in as the organization.</summary>
    public Audience OnlyImpersonators() => this with { WhileImpersonating = true };

    /// <summary>Whether <paramref name="viewer"/> is in this audience (module switches are the shell's and the gate's concern).</summary>
    public bool Admits(Viewer viewer) => Kind switch
    {
        AudienceKind.Anyone => true,
        AudienceKind.PlatformAdmins => viewer.OnPlatformHost && viewer.IsPlatformAdmin,
        _ => viewer.Tenant is { } tenant
             && (OrganizationKind is null || tenant.Kind == OrganizationKind)
             && viewer.Membership is { } membership && membership.Role >= MinRole
             && !(OwnPeopleOnly && viewer.IsImpersonating)
             && (!WhileImpersonating || viewer.IsImpersonating),
    };
}

public enum AudienceKind
{
    Anyone = 0,
    PlatformAdmins = 1,
    Members = 2,
}

/// <summary>Who is asking, on which host: what audiences are checked against. Read once per request.</summary>
/// <param name="Tenant">The host's organization; null on the platform host.</param>
/// <param name="Membership">The signed-in user's active membership here (the owner's, while a reseller is logged in as the organization).</param>
public sealed record Viewer(TenantInfo? Tenant, bool OnPlatformHost, bool SignedIn, bool IsPlatformAdmin, Membership? Membership, bool IsImpersonating);
