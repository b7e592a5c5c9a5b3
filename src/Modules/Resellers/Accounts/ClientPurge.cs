using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// Removes deleted client accounts once their grace period has passed (R9), and repairs the
/// dashboard rows. One instance at a time (job lease); safe to run twice.
/// </summary>
public sealed partial class ClientPurge(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<ClientPurge> logger) : BackgroundService
{
    public const string LeaseName = "resellers-maintenance";

    private readonly string _holder = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Resellers:MaintenanceInterval", TimeSpan.FromMinutes(10));
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
                if (await leases.TryClaimAsync(LeaseName, _holder, interval, stoppingToken))
                {
                    await PurgeDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<ClientRows>().RebuildAllAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }

    /// <summary>Purges every deletion whose grace period ended before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> PurgeDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Every reseller's deletions: the job works for all of them.
        var due = await db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(d => d.PurgedAt == null && d.PurgeAfter <= now).ToListAsync(cancellationToken);
        foreach (var deletion in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var id = deletion.ClientId;
            // Rows that point at the organization without cascading go first; the organization's own rows cascade with it.
            await db.PartnerClientAssignments.IgnoreQueryFilters(["Tenant"]).Where(a => a.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.PartnerClientLinks.Where(l => l.ClientId == id || l.PartnerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"]).Where(r => r.TenantId == id || r.ResellerId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ClientRow>().IgnoreQueryFilters(["Tenant"]).Where(r => r.ClientId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Organizations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).Where(d => d.Id == deletion.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.PurgedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPurged(logger, deletion.ClientName, id);
        }

        if (due.Count > 0) await scope.ServiceProvider.GetRequiredService<Tenancy.ITenantStore>().EvictAllAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the deleted client account {Name} ({Id}).")]
    private static partial void LogPurged(ILogger logger, string name, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The resellers maintenance job failed; it runs again after its interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
