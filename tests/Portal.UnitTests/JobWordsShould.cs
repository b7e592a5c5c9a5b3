using PartnerPortal.Jobs;
using PartnerPortal.Web.Areas.Platform.Pages.Jobs;

namespace PartnerPortal.UnitTests;

/// <summary>How <c>/platform/jobs</c> says durations and outcomes: as a person would.</summary>
public sealed class JobWordsShould
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(100, "100 ms")] // the outbox in tests
    [InlineData(999, "999 ms")]
    [InlineData(1_000, "1 s")]
    [InlineData(59_900, "59 s")] // whole units, rounded down
    [InlineData(60_000, "1 min")]
    [InlineData(15 * 60_000, "15 min")]
    [InlineData(6 * 3_600_000, "6 h")]
    [InlineData(90 * 60_000, "1 h 30 min")]
    [InlineData(24 * 3_600_000, "1 day")]
    [InlineData(30L * 24 * 3_600_000, "30 days")] // a monthly job
    public void SayADurationInWholeUnits(long milliseconds, string said) =>
        Assert.Equal(said, JobsModel.Span(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void SayWhatARunNowDid()
    {
        var job = new JobDefinition("mail-outbox", "Sends queued e-mail", null, typeof(IPortalJob), TimeSpan.FromSeconds(1));
        var start = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal("“Sends queued e-mail” ran now: 4 items in 35 ms.", JobsModel.Said(job, new JobRunOutcome(true, new JobRun(start, TimeSpan.FromMilliseconds(35), 4, null))));
        Assert.Equal("“Sends queued e-mail” ran now: 1 item in 2 s.", JobsModel.Said(job, new JobRunOutcome(true, new JobRun(start, TimeSpan.FromSeconds(2), 1, null))));
        Assert.Equal("“Sends queued e-mail” ran now and failed: Connection refused", JobsModel.Said(job, new JobRunOutcome(true, new JobRun(start, TimeSpan.FromSeconds(20), 0, "Connection refused"))));
        Assert.StartsWith("“Sends queued e-mail” is running right now", JobsModel.Said(job, JobRunOutcome.NotClaimed));
        Assert.Equal("every 1 s", JobsModel.Runs(job));
        Assert.Equal("only when run from here (its interval is zero)", JobsModel.Runs(job with { Interval = TimeSpan.Zero }));
    }
}
