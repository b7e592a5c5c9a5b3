using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// After any save that changed a client's name, host, status, link, subscription, plan or members,
/// refreshes that client's dashboard row in the same unit of work (and the same transaction, when
/// the caller opened one). Whichever module made the change, the dashboard follows it.
/// </summary>
public sealed class ClientRowsRefresh(TimeProvider time, IOptions<PortalOptions> portal) : SaveChangesInterceptor
{
    private readonly HashSet<Guid> _pending = [];
    private bool _all;
    private bool _refreshing;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await FlushAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private void Collect(DbContext? context)
    {
        if (context is not PortalDbContext || _refreshing) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            switch (entry.Entity)
            {
                case Organization o: _pending.Add(o.Id); break;
                case PartnerClientLink l: _pending.Add(l.ClientId); break;
                case AccountSubscription s: _pending.Add(s.OrganizationId); break;
                case Membership m when entry.State != EntityState.Modified || entry.Property(nameof(Membership.LastActiveAt)).IsModified: _pending.Add(m.TenantId); break;
                case Plan: _all = true; break;
            }
        }
    }

    private async Task FlushAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not PortalDbContext db || _refreshing || (_pending.Count == 0 && !_all)) return;
        var ids = _pending.ToList();
        var all = _all;
        _pending.Clear();
        _all = false;
        _refreshing = true;
        try
        {
            // Written through the context that just saved: with SQLite a second connection would wait on this one's transaction.
            var rows = new ClientRows(db, time, portal);
            if (all) await rows.RebuildAllAsync(cancellationToken);
            else await rows.RefreshAsync(ids, cancellationToken);
        }
        finally
        {
            _refreshing = false;
        }
    }
}
