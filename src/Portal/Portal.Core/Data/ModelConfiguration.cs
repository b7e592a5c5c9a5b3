using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Jobs;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;

namespace PartnerPortal.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Slug).HasMaxLength(63);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.PrimaryHost).HasMaxLength(253);
        builder.Property(o => o.Industry).HasMaxLength(100);
        builder.OwnsOne(o => o.Branding, b =>
        {
            b.Property(x => x.ProductName).HasMaxLength(200);
            b.Property(x => x.PrimaryColor).HasMaxLength(7);
            b.Property(x => x.AccentColor).HasMaxLength(7);
            b.Property(x => x.Theme).HasMaxLength(64);
            b.Property(x => x.ClientTheme).HasMaxLength(64);
            b.Property(x => x.FooterText).HasMaxLength(500);
            b.Property(x => x.SupportEmail).HasMaxLength(254);
            b.Property(x => x.SupportUrl).HasMaxLength(500);
            b.Property(x => x.SupportPhone).HasMaxLength(40);
            b.Property(x => x.LogoVersion).HasMaxLength(32);
            b.Property(x => x.FaviconVersion).HasMaxLength(32);
            b.Property(x => x.MailFromName).HasMaxLength(200);
            b.Property(x => x.MailFromAddress).HasMaxLength(254);
        });
        builder.Navigation(o => o.Branding).IsRequired();
    }
}

internal sealed class OrganizationDomainConfiguration : IEntityTypeConfiguration<OrganizationDomain>
{
    public void Configure(EntityTypeBuilder<OrganizationDomain> builder)
    {
        builder.Property(d => d.Host).HasMaxLength(253);
        builder.Property(d => d.VerificationToken).HasMaxLength(64);
        builder.Property(d => d.DnsProblem).HasMaxLength(1000);
        builder.HasIndex(d => d.Host).IsUnique();
        builder.HasOne(d => d.Organization).WithMany(o => o.Domains).HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerClientLinkConfiguration : IEntityTypeConfiguration<PartnerClientLink>
{
    public void Configure(EntityTypeBuilder<PartnerClientLink> builder)
    {
        // Two foreign keys to one table: SQL Server refuses two cascade paths, so neither cascades.
        builder.HasOne(l => l.Partner).WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Client).WithMany().HasForeignKey(l => l.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.PartnerId, l.ClientId });
        builder.HasIndex(l => l.ClientId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.HasIndex(w => new { w.TenantId, w.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(w => w.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceMembershipConfiguration : IEntityTypeConfiguration<WorkspaceMembership>
{
    public void Configure(EntityTypeBuilder<WorkspaceMembership> builder)
    {
        builder.HasIndex(m => new { m.TenantId, m.WorkspaceId, m.UserId }).IsUnique();
        builder.HasOne(m => m.Workspace).WithMany(w => w.Members).HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // The workspace already cascades from the organization; a second path would be refused by SQL Server.
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        builder.HasIndex(i => i.TokenHash);
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.UserEmail).HasMaxLength(254);
        builder.Property(a => a.ActingUserEmail).HasMaxLength(254);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlatformAuditEntryConfiguration : IEntityTypeConfiguration<PlatformAuditEntry>
{
    public void Configure(EntityTypeBuilder<PlatformAuditEntry> builder)
    {
        builder.ToTable("PlatformAudit");
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.UserEmail).HasMaxLength(254);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        // No key to Organizations: the rows are the platform's (TenantId is the platform's id), and
        // an entry about an organization outlives it.
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasIndex(a => new { a.TenantId, a.Action, a.At });
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Host).HasMaxLength(253);
        builder.Property(s => s.Device).HasMaxLength(100);
        builder.Property(s => s.EndReason).HasMaxLength(64);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        // No key to Organizations: platform-host sessions belong to the platform's id.
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("MailOutbox");
        builder.Property(m => m.Template).HasMaxLength(100);
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.FromAddress).HasMaxLength(254);
        builder.Property(m => m.FromName).HasMaxLength(200);
        builder.Property(m => m.ReplyToAddress).HasMaxLength(254);
        builder.Property(m => m.SenderAddress).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => new { m.SentAt, m.DueAt });
    }
}

/// <summary>
/// The package's key type on the table the hand-written repository used to fill, with the same
/// columns (the package leaves Xml nullable and FriendlyName unbounded), so existing keys, and the
/// cookies they protect, stay readable without moving a row.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
        builder.Property(k => k.Xml).IsRequired();
    }
}

internal sealed class DkimKeyConfiguration : IEntityTypeConfiguration<DkimKey>
{
    public void Configure(EntityTypeBuilder<DkimKey> builder)
    {
        builder.Property(k => k.Selector).HasMaxLength(63);
        builder.Property(k => k.PublicKey).HasMaxLength(1000);
        // One key per organization: rotation replaces it in place.
        builder.HasIndex(k => k.TenantId).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
        builder.Property(l => l.LastError).HasMaxLength(JobRun.ErrorLength);
    }
}

internal sealed class PartnerClientAssignmentConfiguration : IEntityTypeConfiguration<PartnerClientAssignment>
{
    public void Configure(EntityTypeBuilder<PartnerClientAssignment> builder)
    {
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.ClientId }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.ClientId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        // The client is a second path to Organization: SQL Server refuses two cascade paths.
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.ProductLine).HasMaxLength(100);
        builder.Property(p => p.MonthlyListPrice).HasPrecision(18, 2);
        builder.Ignore(p => p.IsFree);
        var seededAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        builder.HasData(
            new Plan { Id = Plan.Seeded.FreeId, Code = "free", Name = "Free", MonthlyListPrice = 0, Currency = "USD", RecordLimit = 50, MemberLimit = 2, CustomDomainLimit = 0, WhiteLabel = true, IsDefault = true, SortOrder = 0, CreatedAt = seededAt },
            new Plan { Id = Plan.Seeded.BasicId, Code = "basic", Name = "Basic", MonthlyListPrice = 29, Currency = "USD", RecordLimit = 5_000, MemberLimit = 10, CustomDomainLimit = 1, WhiteLabel = true, SortOrder = 1, CreatedAt = seededAt },
            new Plan { Id = Plan.Seeded.ProId, Code = "pro", Name = "Pro", MonthlyListPrice = 99, Currency = "USD", RecordLimit = null, MemberLimit = null, CustomDomainLimit = 5, WhiteLabel = true, SortOrder = 2, CreatedAt = seededAt });
    }
}

internal sealed class AccountSubscriptionConfiguration : IEntityTypeConfiguration<AccountSubscription>
{
    public void Configure(EntityTypeBuilder<AccountSubscription> builder)
    {
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasIndex(s => s.TrialEndsAt);
        // The constraint keeps the name it had before its column was renamed to TenantId: SQLite renames the column in place instead of rebuilding the table outside a transaction.
        builder.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("FK_AccountSubscriptions_Organizations_OrganizationId");
        builder.HasOne(s => s.Plan).WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.ResellerPrice).HasPrecision(18, 2);
        builder.Property(s => s.ResellerPriceCurrency).HasMaxLength(3);
        builder.Property(s => s.OverLimitKinds).HasMaxLength(100);
    }
}

internal sealed class OrganizationModuleConfiguration : IEntityTypeConfiguration<OrganizationModule>
{
    public void Configure(EntityTypeBuilder<OrganizationModule> builder)
    {
        builder.ToTable("OrganizationModules");
        builder.Property(m => m.Module).HasMaxLength(64);
        builder.HasIndex(m => new { m.TenantId, m.Module }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlatformSettingConfiguration : IEntityTypeConfiguration<PlatformSetting>
{
    public void Configure(EntityTypeBuilder<PlatformSetting> builder)
    {
        builder.ToTable("PlatformSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(200);
        // No length: a value is a whole document (the partner program's JSON passes 4,000
        // characters), which a server database would refuse at a varchar(4000) (SQLite never checked).
        builder.Property(s => s.Value);
    }
}
