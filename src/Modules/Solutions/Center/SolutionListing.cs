using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Center;

/// <summary>
/// A partner's published solution in the Solution Center (S6), owned by the publisher. It keeps a
/// snapshot of the solution's published definition (tables, fields, views, rules; no tags, no
/// records), so public pages and installs read this row only, never the publisher's workspace.
/// </summary>
public sealed class SolutionListing : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The publisher.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The publisher's solution it was listed from (one listing per solution).</summary>
    public Guid SolutionId { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    /// <summary>One of the kernel's <see cref="Modularity.Industries.All"/>.</summary>
    public required string Industry { get; set; }

    /// <summary>The package an install copies, as written by <see cref="Definition.PackageWriter"/>, provenance included.</summary>
    public required string PackageJson { get; set; }

    /// <summary>The solution's version the snapshot was taken from.</summary>
    public int Version { get; set; }

    public int Installs { get; set; }

    public DateTime ListedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid ListedByUserId { get; set; }

    /// <summary>Set while it is out of the Solution Center; copies already installed stay where they are.</summary>
    public DateTime? UnlistedAt { get; set; }
}
