using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// A reseller's client as the dashboard sorts and searches it (R4): the sort keys of one active
/// partner–client link, copied from the organization, its subscription and its members, so every
/// sort and search is an index range on the reseller's rows instead of a join over all its clients.
/// Owned by the partner. Kept current by <see cref="ClientRows"/>, called by the module's own
/// changes and by <see cref="ClientRowsFollower"/> on the kernel's events, and rebuilt by the
/// maintenance job; what a row shows is read live for the page.
/// </summary>
public class ClientRow : ITenantOwned
{
    public Guid ClientId { get; set; }

    /// <summary>The partner whose dashboard lists the client.</summary>
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case name: sort and search key.</summary>
    public required string NameKey { get; set; }

    /// <summary>Lower-case primary host (custom domain or platform subdomain): searched with the name.</summary>
    public required string HostKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public int PlanSort { get; set; }

    public decimal ListPrice { get; set; }

    /// <summary><see cref="Billing.AccountStatus"/> as of the last refresh (trials end through a write by the trial job).</summary>
    public int StatusRank { get; set; }

    /// <summary>The latest <see cref="Accounts.Membership.LastActiveAt"/> in the client.</summary>
    public DateTime? LastActiveAt { get; set; }
}
