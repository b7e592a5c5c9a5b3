using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Tenancy;

public enum HostKind
{
    Unknown = 0,
    Platform = 1,
    Tenant = 2,
}

/// <summary>What a normalized host name stands for. Immutable, so the cache hands out one instance.</summary>
[ImmutableObject(true)]
public sealed record HostResolution(HostKind Kind, TenantInfo? Tenant)
{
    public static readonly HostResolution Unknown = new(HostKind.Unknown, null);
    public static readonly HostResolution Platform = new(HostKind.Platform, null);
}

/// <summary>Finds the organization a host belongs to (T1). Hits and misses are cached.</summary>
public interface ITenantStore
{
    ValueTask<HostResolution> ResolveAsync(string normalizedHost, CancellationToken cancellationToken = default);

    ValueTask<TenantInfo?> FindByIdAsync(Guid organizationId, CancellationToken cancellationToken = default);

    /// <summary>Forgets every cached host; called after organizations, domains or links change.</summary>
    ValueTask EvictAllAsync(CancellationToken cancellationToken = default);
}

public sealed class TenantStore(
    IServiceScopeFactory scopes,
    HybridCache cache,
    ITenantCacheBus bus,
    InstalledModules modules,
    IOptions<PortalOptions> portal,
    IOptions<TenancyOptions> tenancy) : ITenantStore
{
    public const string CacheTag = "tenants";

    private readonly string _platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = tenancy.Value.CacheDuration,
        LocalCacheExpiration = tenancy.Value.CacheDuration,
    };
    private static readonly string[] Tags = [CacheTag];

    public async ValueTask<HostResolution> ResolveAsync(string normalizedHost, CancellationToken cancellationToken = default)
    {
        if (normalizedHost == _platformDomain) return HostResolution.Platform;

        return await cache.GetOrCreateAsync(
            $"tenant-host:{bus.Generation}:{normalizedHost}",
            (Store: this, Host: normalizedHost),
            static (state, ct) => state.Store.LookUpHostAsync(state.Host, ct),
            _entryOptions,
            Tags,
            cancellationToken);
    }

    public async ValueTask<TenantInfo?> FindByIdAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var found = await cache.GetOrCreateAsync(
            $"tenant-id:{bus.Generation}:{organizationId:N}",
            (Store: this, Id: organizationId),
            static async (state, ct) => new HostResolution(HostKind.Tenant, await state.Store.LoadAsync(o => o.Id == state.Id, ct)),
            _entryOptions,
            Tags,
            cancellationToken);
        return found.Tenant;
    }

    public ValueTask EvictAllAsync(CancellationToken cancellationToken = default) => bus.EvictEverywhereAsync(cancellationToken);

    private async ValueTask<HostResolution> LookUpHostAsync(string host, CancellationToken cancellationToken)
    {
        // One context for the whole miss: the domain check and the organization load share it.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // 1. A verified custom domain, exactly.
        var owner = await db.OrganizationDomains.AsNoTracking()
            .Where(d => d.Host == host && d.VerifiedAt != null)
            .Select(d => (Guid?)d.OrganizationId)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is { } ownerId)
        {
            var byDomain = await LoadAsync(db, o => o.Id == ownerId, cancellationToken);
            return byDomain is null ? HostResolution.Unknown : new HostResolution(HostKind.Tenant, byDomain);
        }

        // 2. {slug}.{platform domain}, one label deep.
        var suffix = "." + _platformDomain;
        if (host.EndsWith(suffix, StringComparison.Ordinal))
        {
            var slug = host[..^suffix.Length];
            if (slug.Length > 0 && !slug.Contains('.'))
            {
                var bySlug = await LoadAsync(db, o => o.Slug == slug, cancellationToken);
                if (bySlug is not null) return new HostResolution(HostKind.Tenant, bySlug);
            }
        }

        return HostResolution.Unknown;
    }

    private async Task<TenantInfo?> LoadAsync(System.Linq.Expressions.Expression<Func<Organization, bool>> which, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await LoadAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), which, cancellationToken);
    }

    private async Task<TenantInfo?> LoadAsync(PortalDbContext db, System.Linq.Expressions.Expression<Func<Organization, bool>> which, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.AsNoTracking().Where(which).FirstOrDefaultAsync(cancellationToken);
        if (org is null) return null;

        var reseller = await db.PartnerClientLinks.AsNoTracking()
            .Where(l => l.ClientId == org.Id && l.EndedAt == null)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { l.PartnerId, l.Partner!.Name, l.Partner.Branding })
            .FirstOrDefaultAsync(cancellationToken);
        return TenantInfo.From(org, _platformDomain, reseller?.PartnerId, reseller?.Name, reseller?.Branding) with
        {
            ModulesOff = await ModuleSwitch.OffForAsync(db, modules, org.Id, org.Kind, cancellationToken),
        };
    }
}
