using PartnerPortal.Billing;
using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Jobs;
using PartnerPortal.Branding;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Data;

/// <summary>
/// The one database context. Provider subclasses (SQLite, SQL Server) only exist to keep a
/// migrations set each; the model and the tenant rules live here.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options, ITenantContext tenants, InstalledModules modules)
    : IdentityUserContext<PortalUser, Guid, PortalUserClaim, PortalUserLogin, PortalUserToken>(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "Tenant";

    /// <summary>Read by the "Tenant" filter on every query: no tenant, no rows.</summary>
    public Guid? CurrentTenantId => tenants.Current?.Id;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationDomain> OrganizationDomains => Set<OrganizationDomain>();
    public DbSet<PartnerClientLink> PartnerClientLinks => Set<PartnerClientLink>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMembership> WorkspaceMemberships => Set<WorkspaceMembership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PlatformAuditEntry> PlatformAudit => Set<PlatformAuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    /// <summary>The key ring every instance reads cookies with (A4), kept by <c>PersistKeysToDbContext</c>; global, since keys belong to no tenant.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DkimKey> DkimKeys => Set<DkimKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<BrandAsset> BrandAssets => Set<BrandAsset>();
    public DbSet<PartnerClientAssignment> PartnerClientAssignments => Set<PartnerClientAssignment>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<AccountSubscription> AccountSubscriptions => Set<AccountSubscription>();

    /// <summary>Which modules shaped this model: part of the model cache key (see <see cref="ModuleAwareModelCacheKeyFactory"/>).</summary>
    public string ModuleKey { get; } = string.Join(",", modules.All.Select(m => m.Name));

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModuleAwareModelCacheKeyFactory>()
            // Identity's context maps its external-login type before this context ignores it (see OnModelCreating): expected, not a mistake.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.MappedEntityTypeIgnoredWarning));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity maps external logins; the portal offers none (one password identity per e-mail), so no table keeps them.
        builder.Ignore<PortalUserLogin>();
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        foreach (var module in modules.All)
        {
            module.ConfigureModel(builder);
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.IsAssignableTo(typeof(ITenantOwned)) && e.BaseType is null))
        {
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter, TenantFilterFor(entity.ClrType));
        }
    }

    private LambdaExpression TenantFilterFor(Type type)
    {
        // e => (Guid?)e.TenantId == this.CurrentTenantId; EF reads CurrentTenantId per query.
        var entity = Expression.Parameter(type, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Stamps new tenant rows and refuses any write outside the current tenant (fail closed).</summary>
    private void EnforceTenant()
    {
        var current = CurrentTenantId;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;

            if (current is null)
            {
                // The one exception: a row of a type that may belong to the platform itself, kept as the
                // platform's (TenantId = Platform before and after) while no organization is current.
                if (entry.Entity is IMayBelongToPlatform
                    && entry.Entity.TenantId == IMayBelongToPlatform.Platform
                    && (entry.State == EntityState.Added || entry.Property(e => e.TenantId).OriginalValue == IMayBelongToPlatform.Platform))
                {
                    continue;
                }

                throw new TenantMismatchException($"{entry.Metadata.ClrType.Name} cannot be written without a current tenant.");
            }

            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.TenantId == Guid.Empty) entry.Entity.TenantId = current.Value;
                if (entry.Entity.TenantId != current.Value)
                    throw new TenantMismatchException($"A new {entry.Metadata.ClrType.Name} names another tenant than the current one.");
            }
            else if (entry.Entity.TenantId != current.Value || entry.Property(e => e.TenantId).OriginalValue != current.Value)
            {
                throw new TenantMismatchException($"{entry.Metadata.ClrType.Name} belongs to another tenant than the current one.");
            }
        }
    }
}

/// <summary>
/// EF caches one model per context type; two hosts (or tests) with different module lists in one
/// process would otherwise share whichever model was built first.
/// </summary>
public sealed class ModuleAwareModelCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is PortalDbContext portal ? (context.GetType(), portal.ModuleKey, designTime) : (context.GetType(), designTime);
}

public sealed class TenantMismatchException(string message) : InvalidOperationException(message);
