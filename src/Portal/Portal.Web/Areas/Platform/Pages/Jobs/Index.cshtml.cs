using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;

namespace PartnerPortal.Web.Areas.Platform.Pages.Jobs;

/// <summary>A registered job and its lease row (null until it first ran).</summary>
public sealed record JobRow(JobDefinition Job, JobLease? Lease);

/// <summary>
/// Every background job with what it last did (DESIGN "Background work"), platform host only;
/// "Run now" runs one at once under its lease, so never beside a run on another instance.
/// </summary>
public sealed class JobsModel(JobRunner runner, PortalDbContext db, TimeProvider time, ILogger<JobsModel> logger, PlatformAudit audit) : PageModel
{
    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];

    public DateTime Now { get; private set; }

    /// <summary>The mail outbox across every organization: what waits, what is being retried, what was given up on.</summary>
    public OutboxHealth Outbox { get; private set; } = new(0, 0, 0, null);

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is null || runner.Find(name) is not { } job)
        {
            Error = "There is no such job. Choose one of the jobs listed here.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await runner.RunNowAsync(job.Name, cancellationToken);
        var said = Said(job, outcome);
        logger.LogInformation("Platform admin {User} ran job {Job} now: {Outcome}", User.Identity?.Name, job.Name, said);
        audit.Record("platform.job_run", $"{job.Name}: {said}");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = said });
    }

    /// <summary>What the admin reads after "Run now".</summary>
    public static string Said(JobDefinition job, JobRunOutcome outcome) => outcome switch
    {
        { Ran: false } => $"“{job.Description}” is running right now (here or on another instance), so it was not started a second time. Look again in a moment.",
        { Run.Error: { } error } => $"“{job.Description}” ran now and failed: {(error.Length > 300 ? error[..300] + "…" : error)}",
        { Run: { } run } => $"“{job.Description}” ran now: {Items(run.Items)} in {Span(run.Duration)}.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static string Runs(JobDefinition job) => job.Interval > TimeSpan.Zero ? $"every {Span(job.Interval)}" : "only when run from here (its interval is zero)";

    public string LastRun(JobLease? lease) => lease?.LastStartedAt is not { } started
        ? "never"
        : $"{Ago(started)}, took {Span(TimeSpan.FromMilliseconds(lease.LastDurationMilliseconds ?? 0))}, {(lease.LastItems is { } items ? Items(items) : "failed")}";

    public string NextRun(JobRow row)
    {
        var lease = row.Lease;
        if (lease?.RunningSince is { } since && lease.ExpiresAt > Now) return $"running now (started {Ago(since)})";
        if (row.Job.Interval <= TimeSpan.Zero) return "not scheduled";
        // Due: the next look of some instance's scheduler starts it.
        return lease is null || lease.ExpiresAt <= Now ? $"due, starts within {Span(row.Job.Tick)}" : $"in {Span(lease.ExpiresAt - Now)}";
    }

    public string LastSuccess(JobLease? lease) => lease?.LastSucceededAt is { } at ? Ago(at) : "never";

    public string? LastError(JobLease? lease) => lease?.LastFailedAt is { } at ? $"{Ago(at)}: {lease.LastError}" : null;

    private string Ago(DateTime at) => Now - at < TimeSpan.FromSeconds(1) ? "just now" : $"{Span(Now - at)} ago";

    private static string Items(int count) => count == 1 ? "1 item" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} items";

    /// <summary>A duration as a person says it: 100 ms, 12 s, 15 min, 6 h, 2 days.</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{Math.Max(0, (int)span.TotalMilliseconds)} ms",
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalDays: < 1 } => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => (int)span.TotalDays == 1 ? "1 day" : $"{(int)span.TotalDays} days",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        // The platform's view of every organization's outbox: counts only, no one's mail.
        var unsent = db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.SentAt == null);
        Outbox = new OutboxHealth(
            await unsent.CountAsync(m => m.DeadAt == null, cancellationToken),
            await unsent.CountAsync(m => m.DeadAt == null && m.Attempts > 0, cancellationToken),
            await unsent.CountAsync(m => m.DeadAt != null, cancellationToken),
            await unsent.Where(m => m.DeadAt == null).MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken));
        var names = runner.Jobs.Select(j => j.Name).ToList();
        var leases = await db.JobLeases.AsNoTracking().Where(l => names.Contains(l.Name)).ToDictionaryAsync(l => l.Name, cancellationToken);
        Jobs = runner.Jobs
            .OrderBy(j => j.Module is not null).ThenBy(j => j.Module).ThenBy(j => j.Description)
            .Select(j => new JobRow(j, leases.GetValueOrDefault(j.Name)))
            .ToList();
    }
}

/// <param name="Waiting">Messages not sent yet and not given up on.</param>
/// <param name="Retrying">Of those, how many failed at least once.</param>
/// <param name="Undelivered">Dead-lettered: waiting for their organization's owners to send them again.</param>
/// <param name="OldestWaitingSince">When the oldest waiting message was queued.</param>
public sealed record OutboxHealth(int Waiting, int Retrying, int Undelivered, DateTime? OldestWaitingSince);
