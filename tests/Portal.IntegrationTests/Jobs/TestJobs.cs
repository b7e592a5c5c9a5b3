using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;

namespace PartnerPortal.IntegrationTests.Jobs;

/// <summary>What the test jobs did, shared by every host of one test class (two hosts count into one probe).</summary>
public sealed class JobProbe
{
    private int _running;
    private int _mostAtOnce;
    private int _overlapRuns;
    private int _flakyRuns;

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public int OverlapRuns => Volatile.Read(ref _overlapRuns);

    public int FlakyRuns => Volatile.Read(ref _flakyRuns);

    /// <summary>How many items the counting job reports next.</summary>
    public int Items { get; set; }

    public async Task<int> OverlapAsync(CancellationToken cancellationToken)
    {
        var atOnce = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, atOnce);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(120), cancellationToken);
            Interlocked.Increment(ref _overlapRuns);
            return 1;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public int Flaky() => Interlocked.Increment(ref _flakyRuns) == 1
        ? throw new InvalidOperationException("The partner directory answered 503 Service Unavailable.")
        : 3;

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>Takes a while, so a second instance running it at the same time would be seen.</summary>
public sealed class OverlapJob(JobProbe probe) : IPortalJob
{
    public const string JobName = "test-overlap";

    public Task<int> RunAsync(CancellationToken cancellationToken) => probe.OverlapAsync(cancellationToken);
}

/// <summary>Fails on its first run, then works.</summary>
public sealed class FlakyJob(JobProbe probe) : IPortalJob
{
    public const string JobName = "test-flaky";

    public Task<int> RunAsync(CancellationToken cancellationToken) => Task.FromResult(probe.Flaky());
}

/// <summary>Reports as many items as the probe says, after a little work; scheduled hourly, so it runs only when asked.</summary>
public sealed class CountingJob(JobProbe probe) : IPortalJob
{
    public const string JobName = "test-counting";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(30), cancellationToken);
        return probe.Items;
    }
}

/// <summary>The portal with three test jobs beside its own; <see cref="SecondInstance"/> is another host on the same database.</summary>
public class JobsPortalFactory : PortalFactory
{
    public JobsPortalFactory() : this(new JobProbe(), new Dictionary<string, string?>())
    {
    }

    private JobsPortalFactory(JobProbe probe, IDictionary<string, string?> settings) : base(settings)
    {
        Probe = probe;
    }

    public JobProbe Probe { get; }

    /// <summary>A second instance of the portal: its own host and scheduler, this one's SQLite file and probe.</summary>
    public JobsPortalFactory SecondInstance() =>
        new(Probe, new Dictionary<string, string?> { ["Portal:DataDirectory"] = DataDirectory });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Probe);
            services.AddPortalJob<OverlapJob>(OverlapJob.JobName, "Takes a while (test)", TimeSpan.FromMilliseconds(40));
            services.AddPortalJob<FlakyJob>(FlakyJob.JobName, "Fails once (test)", TimeSpan.FromMilliseconds(200));
            services.AddPortalJob<CountingJob>(CountingJob.JobName, "Counts (test)", CountingJob.Interval);
        });
    }
}
