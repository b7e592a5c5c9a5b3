using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// The rows written so far by a running import, and a request to cancel it, kept in the portal's
/// distributed cache. The import writes in one transaction, and on SQLite that transaction holds
/// the database's only write lock: the progress cannot be committed beside it, so it lives here,
/// where every page of this instance reads it (and every instance, where the cache is shared). The
/// import's status, its start and its end are in <see cref="RecordImportRun"/>.
/// </summary>
public sealed class ImportProgress(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Keep = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) };

    public Task ReportAsync(Guid run, int done, CancellationToken cancellationToken) =>
        cache.SetStringAsync(Key(run), done.ToString(CultureInfo.InvariantCulture), Keep, cancellationToken);

    /// <summary>Rows written so far; null when this import has reported nothing yet.</summary>
    public async Task<int?> DoneAsync(Guid run, CancellationToken cancellationToken) =>
        int.TryParse(await cache.GetStringAsync(Key(run), cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var done) ? done : null;

    public Task RequestCancelAsync(Guid run, CancellationToken cancellationToken) => cache.SetStringAsync(CancelKey(run), "1", Keep, cancellationToken);

    public async Task<bool> CancelRequestedAsync(Guid run, CancellationToken cancellationToken) => await cache.GetStringAsync(CancelKey(run), cancellationToken) is not null;

    private static string Key(Guid run) => $"solutions-import:{run:N}";

    private static string CancelKey(Guid run) => $"solutions-import-cancel:{run:N}";
}
