using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Jobs;

/// <summary>
/// A periodic background job that runs one pass per <see cref="Interval"/> across all instances
/// (DESIGN "Background work"): each instance looks every tick, and whichever claims the
/// <see cref="JobLease"/> (held for a whole interval) runs the pass. The first look waits one
/// tick, so a starting instance serves requests before it does background work. A failed pass
/// is logged and tried again at the next interval.
/// </summary>
public abstract partial class LeasedJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan LongestTick = TimeSpan.FromMinutes(5);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected IServiceScopeFactory Scopes => scopes;

    protected TimeProvider Time => time;

    /// <summary>The job's lease name, e.g. <c>domain-recheck</c>.</summary>
    protected abstract string Lease { get; }

    /// <summary>How often a pass runs; zero or less turns the job off.</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunLeasedPassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero) return;
        var tick = interval < LongestTick ? interval : LongestTick;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                bool claimed;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    claimed = await scope.ServiceProvider.GetRequiredService<JobLeases>().TryClaimAsync(Lease, _instance, interval, stoppingToken);
                }

                if (claimed) await RunLeasedPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, Lease, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} pass failed; it will run again at the next interval.")]
    private static partial void LogPassFailed(ILogger logger, string job, Exception exception);
}
