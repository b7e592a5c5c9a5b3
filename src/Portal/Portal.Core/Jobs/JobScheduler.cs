using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Jobs;

/// <summary>
/// The one hosted service behind every job: each job gets a loop that looks every
/// <see cref="JobDefinition.Tick"/> and asks the <see cref="JobRunner"/> to run it if it is due.
/// Jobs loop side by side, so a slow DNS re-check never delays the mail. The first look waits one
/// tick, so a starting instance serves requests before it does background work.
/// </summary>
internal sealed partial class JobScheduler(JobRunner runner, IOptions<JobOptions> options, TimeProvider time, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunInBackground
            ? Task.WhenAll(runner.Jobs.Where(j => j.Interval > TimeSpan.Zero).Select(j => LoopAsync(j, stoppingToken)))
            : Task.CompletedTask;

    private async Task LoopAsync(JobDefinition job, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(job.Tick, time, stoppingToken);
                await runner.RunIfDueAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The lease could not be read (the database is away): look again next tick.
                LogLookFailed(logger, job.Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look whether the {Job} job is due; looking again next tick.")]
    private static partial void LogLookFailed(ILogger logger, string job, Exception exception);
}
