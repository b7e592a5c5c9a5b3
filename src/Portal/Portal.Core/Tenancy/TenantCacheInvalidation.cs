using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerPortal.Accounts;

namespace PartnerPortal.Tenancy;

/// <summary>
/// Evicts cached hosts after a save that touched organizations, domains, partner links or module switches, so a
/// renamed slug or a new domain routes on the very next request.
/// </summary>
public sealed class TenantCacheInvalidation(ITenantStore store) : SaveChangesInterceptor
{
    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= TouchesTenants(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _pending |= TouchesTenants(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_pending)
        {
            _pending = false;
            await store.EvictAllAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (_pending)
        {
            _pending = false;
            store.EvictAllAsync().AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    private static bool TouchesTenants(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                      && e.Entity is Organization or OrganizationDomain or PartnerClientLink or Accounts.Branding or Modularity.OrganizationModule or Modularity.ModuleDefault);
}
