namespace PartnerPortal.Web.Data;

/// <summary>
/// What moving organization-owned rows under the "Tenant" filter does to existing data (issue 10),
/// for the migration that makes the change. Seven tables already named their owner: that column is
/// renamed to <c>TenantId</c> (EF scaffolds these as RenameColumn; if a scaffold shows a drop and an
/// add instead, use <see cref="RenamedOwnerColumns"/>). The outbox gets a new column filled from the
/// old, optional one; the platform's own mail becomes <see cref="Guid.Empty"/>.
/// </summary>
public static class TenantOwnershipData
{
    /// <summary>Table, old owner column, and which side of a two-organization row now owns it.</summary>
    public static readonly IReadOnlyList<(string Table, string OwnerColumn, string Owner)> RenamedOwnerColumns =
    [
        ("AccountSubscriptions", "OrganizationId", "the account"),
        ("Resellers_Profiles", "OrganizationId", "the reseller"),
        ("Resellers_ConnectRequests", "AccountId", "the account asked to connect"),
        ("Resellers_ClientDeletions", "ResellerId", "the reseller that deleted the client"),
        ("Resellers_ClientRows", "PartnerId", "the partner whose dashboard lists the client"),
        ("Resellers_ImpersonationTickets", "ResellerId", "the reseller that issued the ticket"),
        ("Solutions_Shares", "ToOrganizationId", "the recipient"),
    ];

    /// <summary>
    /// Run after adding <c>MailOutbox.TenantId</c> (not null, default empty) and before dropping
    /// <c>MailOutbox.OrganizationId</c>. Plain SQL that SQLite and SQL Server both accept.
    /// </summary>
    public const string FillOutboxTenant =
        """UPDATE "MailOutbox" SET "TenantId" = COALESCE("OrganizationId", '00000000-0000-0000-0000-000000000000')""";

    /// <summary>The way back: run after re-adding <c>MailOutbox.OrganizationId</c> and before dropping <c>TenantId</c>.</summary>
    public const string FillOutboxOrganization =
        """UPDATE "MailOutbox" SET "OrganizationId" = NULLIF("TenantId", '00000000-0000-0000-0000-000000000000')""";
}
