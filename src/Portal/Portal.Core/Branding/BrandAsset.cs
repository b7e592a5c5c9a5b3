using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Branding;

public enum BrandAssetKind
{
    Logo = 0,
    Favicon = 1,
}

/// <summary>
/// An image an organization uploaded (T3, T5), kept in the database so every instance serves it.
/// Its content type comes from sniffing the bytes, never from the file name.
/// </summary>
public class BrandAsset : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public BrandAssetKind Kind { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Hash of <see cref="Content"/>; the ETag, and the <c>?v=</c> of links (see <see cref="PartnerPortal.Accounts.Branding.LogoVersion"/>).</summary>
    public required string Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class BrandAssetConfiguration : IEntityTypeConfiguration<BrandAsset>
{
    public void Configure(EntityTypeBuilder<BrandAsset> builder)
    {
        builder.ToTable("BrandAssets");
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Version).HasMaxLength(32);
        builder.HasIndex(a => new { a.TenantId, a.Kind }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
