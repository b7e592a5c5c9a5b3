using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Accounts;

namespace PartnerPortal.Tenancy;

/// <summary>
/// Evicts cached hosts after a write to organizations, domains, partner links or module switches,
/// so a renamed slug, a new domain or a switched-off module takes effect on the very next request: after <c>SaveChangesAsync</c> (the tracked entries
/// say what changed) and after <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> (the statement names the
/// table). Eviction is asynchronous only. A synchronous write that would need it is refused before
/// it runs: blocking a request thread on the cache is how thread pools starve, and skipping the
/// eviction would leave other requests on a stale tenant. Inside a transaction the eviction is
/// repeated at the commit: a request (on any instance) that missed the cache between the save and
/// the commit read the old row and cached it.
/// </summary>
public sealed class TenantCacheInvalidation(ITenantStore store) : SaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private bool _pending;
    private bool _atCommit;
    private string[]? _tables;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= TouchesTenants(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (TouchesTenants(eventData.Context))
            throw new InvalidOperationException("Organizations, domains and partner links are saved with SaveChangesAsync: the cached hosts are evicted asynchronously.");
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_pending)
        {
            _pending = false;
            _atCommit |= eventData.Context?.Database.CurrentTransaction is not null;
            await store.EvictAllAsync(cancellationToken);
        }

        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!_atCommit) return;
        _atCommit = false;
        await store.EvictAllAsync(cancellationToken);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_atCommit)
            throw new InvalidOperationException("A transaction that changed organizations, domains or partner links is committed with CommitAsync: the cached hosts are evicted asynchronously.");
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _atCommit = false;
        return Task.CompletedTask;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsBulkWriteToTenants(command, eventData))
            throw new InvalidOperationException("Organizations, domains and partner links are bulk-updated with ExecuteUpdateAsync/ExecuteDeleteAsync: the cached hosts are evicted asynchronously.");
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (IsBulkWriteToTenants(command, eventData))
        {
            _atCommit |= eventData.Context?.Database.CurrentTransaction is not null;
            await store.EvictAllAsync(cancellationToken);
        }

        return result;
    }

    private static bool TouchesTenants(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                      && e.Entity is Organization or OrganizationDomain or PartnerClientLink or Accounts.Branding or Modularity.OrganizationModule or Modularity.PlatformSetting);

    // A statement EF wrote for ExecuteUpdate/ExecuteDelete (or raw SQL) that names one of the tables
    // a cached tenant is read from. Naming it in a subquery only counts too: an extra eviction costs a
    // cache miss, a missed one a stale tenant.
    private bool IsBulkWriteToTenants(DbCommand command, CommandEventData eventData) =>
        eventData.CommandSource is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw
        && eventData.Context is { } context
        && TablesOf(context).Any(table => command.CommandText.Contains(table, StringComparison.OrdinalIgnoreCase));

    private string[] TablesOf(DbContext context) => _tables ??= new[] { typeof(Organization), typeof(OrganizationDomain), typeof(PartnerClientLink), typeof(Modularity.OrganizationModule), typeof(Modularity.PlatformSetting) }
        .Select(type => context.Model.FindEntityType(type)?.GetTableName())
        .OfType<string>()
        .Select(context.GetService<ISqlGenerationHelper>().DelimitIdentifier)
        .ToArray();
}
