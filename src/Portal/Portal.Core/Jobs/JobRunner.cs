using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Jobs;

/// <summary>What asking for a run came to.</summary>
/// <param name="Ran">False when another run held the job's lease (or its next run was not due), so nothing ran.</param>
public sealed record JobRunOutcome(bool Ran, JobRun? Run)
{
    public static readonly JobRunOutcome NotClaimed = new(false, null);
}

/// <summary>
/// Runs registered jobs: claims the job's <see cref="JobLease"/>, creates a DI scope, resolves the
/// job in it, runs it while a heartbeat keeps the lease, and records the run's figures on the
/// lease. The scheduler asks it every tick; <c>/platform/jobs</c> and tests ask it to run one now.
/// A failing run is recorded and logged, never thrown: the job runs again at its next interval.
/// </summary>
public sealed partial class JobRunner(IEnumerable<JobDefinition> jobs, IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider time, ILogger<JobRunner> logger)
{
    /// <summary>
    /// How long a claim lasts without a heartbeat (<see cref="JobOptions.Hold"/>): an instance that dies
    /// mid-run blocks its job for at most this long. A run renews it every <see cref="Heartbeat"/>, so a long run keeps it.
    /// </summary>
    private readonly TimeSpan _hold = options.Value.Hold;

    /// <summary>A quarter of the hold: one or two missed heartbeats do not lose the lease.</summary>
    private TimeSpan Heartbeat => _hold / 4;

    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public IReadOnlyList<JobDefinition> Jobs { get; } = Distinct(jobs);

    public JobDefinition? Find(string name) => Jobs.FirstOrDefault(j => j.Name == name);

    /// <summary>Runs <paramref name="job"/> if its next run is due and no run holds its lease.</summary>
    public Task<JobRunOutcome> RunIfDueAsync(JobDefinition job, CancellationToken cancellationToken) =>
        RunAsync(job, beforeDue: false, cancellationToken);

    /// <summary>Runs the job named <paramref name="name"/> now, unless a run (here or on another instance) holds its lease.</summary>
    public Task<JobRunOutcome> RunNowAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync(Find(name) ?? throw new ArgumentException($"No job is named {name}.", nameof(name)), beforeDue: true, cancellationToken);

    private async Task<JobRunOutcome> RunAsync(JobDefinition job, bool beforeDue, CancellationToken cancellationToken)
    {
        // A holder per run, so a run that lost its lease cannot finish (or release) the next one.
        var holder = $"{_instance}:{Guid.NewGuid():N}";
        // The lease's own scope outlives the run's, so the figures are written even when the job's unit of work is broken.
        await using var leaseScope = scopes.CreateAsyncScope();
        var leases = leaseScope.ServiceProvider.GetRequiredService<JobLeases>();
        if (!await leases.TryClaimAsync(job.Name, holder, _hold, beforeDue, cancellationToken)) return JobRunOutcome.NotClaimed;

        var startedAt = time.GetUtcNow().UtcDateTime;
        var started = time.GetTimestamp();
        int items = 0;
        string? error = null;
        using (var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            using var stopHeartbeat = new CancellationTokenSource();
            var heartbeat = KeepLeaseAsync(leases, job.Name, holder, run, stopHeartbeat.Token);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var work = (IPortalJob)scope.ServiceProvider.GetRequiredService(job.JobType);
                items = await work.RunAsync(run.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = run.IsCancellationRequested ? "The run lost its lease before it finished (its heartbeat did not reach the database in time) and was stopped, so it never ran beside another instance." : ex.Message;
                LogRunFailed(logger, job.Name, ex);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // The instance is stopping: give the job back so another instance runs it without waiting for the hold to run out.
                await stopHeartbeat.CancelAsync();
                await heartbeat;
                await leases.ReleaseAsync(job.Name, holder, CancellationToken.None);
                throw;
            }

            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }

        var record = new JobRun(startedAt, time.GetElapsedTime(started), items, error);
        var finishedAt = startedAt + record.Duration;
        var next = job.Interval > TimeSpan.Zero && startedAt + job.Interval > finishedAt ? startedAt + job.Interval : finishedAt;
        if (!await leases.FinishAsync(job.Name, holder, record, next, CancellationToken.None)) LogLeaseLost(logger, job.Name);
        return new JobRunOutcome(true, record);
    }

    private async Task KeepLeaseAsync(JobLeases leases, string name, string holder, CancellationTokenSource run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Heartbeat, time, stop);
                if (await leases.RenewAsync(name, holder, _hold, stop)) continue;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One missed heartbeat is not a lost lease: the claim lasts several heartbeats.
                LogHeartbeatFailed(logger, name, ex);
                continue;
            }

            // Another instance may run the job now: stop this run rather than run it twice.
            LogLeaseLost(logger, name);
            await run.CancelAsync();
            return;
        }
    }

    private static List<JobDefinition> Distinct(IEnumerable<JobDefinition> jobs)
    {
        var list = jobs.ToList();
        var twice = list.GroupBy(j => j.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException($"Two jobs are registered as {twice.Key}: a job's name is its lease, so it must be unique.");
        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} job failed; it runs again at its next interval.")]
    private static partial void LogRunFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} job could not renew its lease; it tries again.")]
    private static partial void LogHeartbeatFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} job lost its lease to another instance before it finished.")]
    private static partial void LogLeaseLost(ILogger logger, string job);
}
