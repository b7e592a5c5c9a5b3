using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;

namespace PartnerPortal.IntegrationTests.Jobs;

/// <summary>The one leased-job base (DESIGN "Background work"): scheduled, leased, recorded.</summary>
public sealed class LeasedJobsShould(JobsPortalFactory factory) : PortalTest<JobsPortalFactory>(factory)
{
    [Fact]
    public async Task NeverRunOneJobOnTwoInstancesAtOnce()
    {
        using var second = Factory.SecondInstance();
        var secondRunner = second.Services.GetRequiredService<JobRunner>();
        var firstRunner = Factory.Services.GetRequiredService<JobRunner>();
        var before = Factory.Probe.OverlapRuns;

        // Both schedulers run the job every 40 ms for 120 ms a run; meanwhile both instances are also asked to run it now, over and over.
        var refused = 0;
        var until = DateTime.UtcNow.AddSeconds(3);
        await Task.WhenAll(new[] { firstRunner, secondRunner }.Select(runner => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                if (!(await runner.RunNowAsync(OverlapJob.JobName)).Ran) Interlocked.Increment(ref refused);
                await Task.Delay(15);
            }
        })));

        Assert.Equal(1, Factory.Probe.MostAtOnce);
        Assert.True(Factory.Probe.OverlapRuns - before >= 10, $"only {Factory.Probe.OverlapRuns - before} runs in 3 s");
        Assert.True(refused > 0, "no run was ever refused, so the lease was never contended");
        Assert.Empty(second.Logs.Errors);
    }

    [Fact]
    public async Task RecordWhenARunStartedHowLongItTookAndHowManyItemsItProcessed()
    {
        Factory.Probe.Items = 7;
        var runner = Factory.Services.GetRequiredService<JobRunner>();
        var before = DateTime.UtcNow;

        var outcome = await runner.RunNowAsync(CountingJob.JobName);

        var after = DateTime.UtcNow;
        Assert.True(outcome.Ran);
        Assert.Equal(7, outcome.Run!.Items);
        var lease = await LeaseAsync(CountingJob.JobName);
        Assert.InRange(lease.LastStartedAt!.Value, before.AddMilliseconds(-5), after);
        Assert.InRange(lease.LastDurationMilliseconds!.Value, 25, (long)(after - before).TotalMilliseconds + 5);
        Assert.Equal(7, lease.LastItems);
        Assert.Equal(lease.LastStartedAt.Value + outcome.Run.Duration, lease.LastSucceededAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(lease.RunningSince);
        Assert.Null(lease.LastError);
        // The next run is one interval after this one started: asking for a due run does nothing until then.
        Assert.Equal(lease.LastStartedAt.Value + CountingJob.Interval, lease.ExpiresAt);
        Assert.False((await runner.RunIfDueAsync(runner.Find(CountingJob.JobName)!, CancellationToken.None)).Ran);
        Assert.Equal(lease.LastStartedAt, (await LeaseAsync(CountingJob.JobName)).LastStartedAt);
    }

    [Fact]
    public async Task RecordAFailureAndRunAgainAtTheNextInterval()
    {
        // The flaky job fails on its first scheduled run and works from the second on.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JobLease? lease = null;
        while (DateTime.UtcNow < deadline && lease?.LastSucceededAt is null)
        {
            await Task.Delay(100);
            lease = await World.GlobalAsync(db => db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == FlakyJob.JobName));
        }

        Assert.NotNull(lease?.LastSucceededAt);
        Assert.Equal("The partner directory answered 503 Service Unavailable.", lease.LastError);
        Assert.True(lease.LastFailedAt < lease.LastSucceededAt);
        Assert.True(Factory.Probe.FlakyRuns >= 2);
        Assert.True(lease.LastStartedAt - lease.LastFailedAt >= TimeSpan.FromMilliseconds(150), "the retry did not wait for the next interval");
        Assert.Equal(3, lease.LastItems);
    }

    [Fact]
    public async Task NotRunNowAJobThatAnotherInstanceIsRunning()
    {
        var runner = Factory.Services.GetRequiredService<JobRunner>();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Another instance claims the job, as its scheduler would at the start of a run.
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobLeases>().TryClaimAsync(CountingJob.JobName, "another-instance", JobOptions.DefaultHold, beforeDue: true, CancellationToken.None));
        }

        try
        {
            var started = (await LeaseAsync(CountingJob.JobName)).LastStartedAt;
            Assert.False((await runner.RunNowAsync(CountingJob.JobName)).Ran);
            Assert.Equal(started, (await LeaseAsync(CountingJob.JobName)).LastStartedAt);
        }
        finally
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(CountingJob.JobName, "another-instance", CancellationToken.None);
        }

        Assert.True((await runner.RunNowAsync(CountingJob.JobName)).Ran);
    }

    [Fact]
    public void RunEveryBackgroundLoopOfThePortalOnTheBase()
    {
        var jobs = Factory.Services.GetRequiredService<JobRunner>().Jobs.ToDictionary(j => j.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(100), jobs["mail-outbox"].Interval); // Mail:PollInterval of the test hosts
        Assert.Null(jobs["mail-outbox"].Module);
        Assert.Null(jobs["billing-trials"].Module);
        Assert.Null(jobs["domain-recheck"].Module);
        Assert.Equal("Solutions", jobs["solutions-rules"].Module);
        Assert.Equal("Resellers", jobs["resellers-client-purge"].Module);
        Assert.Equal("Resellers", jobs["resellers-client-rows"].Module);
        // No background loop of its own beside the scheduler: every hosted service of the kernel and modules is the one scheduler.
        Assert.Single(Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType().Namespace?.StartsWith("PartnerPortal", StringComparison.Ordinal) == true);
    }

    private Task<JobLease> LeaseAsync(string name) =>
        World.GlobalAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == name));
}
