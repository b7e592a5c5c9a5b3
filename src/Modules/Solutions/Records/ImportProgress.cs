using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// The rows a background run (an import, an export) has done so far, and a request to cancel it,
/// kept in the portal's distributed cache, where every page of this instance reads it (and every
/// instance, where the cache is shared). The run's status, start and end are in its stored row.
/// </summary>
public abstract class RunProgress(IDistributedCache cache, string kind)
{
    private static readonly DistributedCacheEntryOptions Keep = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) };

    public Task ReportAsync(Guid run, int done, CancellationToken cancellationToken) =>
        cache.SetStringAsync(Key(run), done.ToString(CultureInfo.InvariantCulture), Keep, cancellationToken);

    /// <summary>Rows done so far; null when this run has reported nothing yet.</summary>
    public async Task<int?> DoneAsync(Guid run, CancellationToken cancellationToken) =>
        int.TryParse(await cache.GetStringAsync(Key(run), cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var done) ? done : null;

    public Task RequestCancelAsync(Guid run, CancellationToken cancellationToken) => cache.SetStringAsync(CancelKey(run), "1", Keep, cancellationToken);

    public async Task<bool> CancelRequestedAsync(Guid run, CancellationToken cancellationToken) => await cache.GetStringAsync(CancelKey(run), cancellationToken) is not null;

    /// <summary>About how long the rest takes at the pace so far; null before the first rows.</summary>
    public static TimeSpan? TimeLeft(DateTime? startedAt, DateTime now, int done, int total) =>
        startedAt is { } started && done > 0 ? (now - started) * ((double)Math.Max(0, total - done) / done) : null;

    private string Key(Guid run) => $"solutions-{kind}:{run:N}";

    private string CancelKey(Guid run) => $"solutions-{kind}-cancel:{run:N}";
}

/// <summary>
/// An import's progress. The import writes in one transaction, and on SQLite that transaction holds
/// the database's only write lock: the progress cannot be committed beside it, so it lives in the cache.
/// </summary>
public sealed class ImportProgress(IDistributedCache cache) : RunProgress(cache, "import");

/// <summary>An export's progress: read on every refresh of its page, so it stays out of the database.</summary>
public sealed class ExportProgress(IDistributedCache cache) : RunProgress(cache, "export");
