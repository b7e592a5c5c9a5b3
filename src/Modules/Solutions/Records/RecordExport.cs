using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Files;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// Writes a table's matching records (the list's search, sort, filters and tag) as CSV or .xlsx, a
/// page at a time through <see cref="TableFileWriter"/>: memory stays flat and no cell is ever a
/// formula. Small exports go straight to the download; larger ones are stored runs the
/// <c>solutions-exports</c> job writes and stores in the database.
/// </summary>
public sealed class RecordExport(RecordQuery query, IOptions<PortalOptions> portal, IHostEnvironment environment)
{
    /// <summary>
    /// Exports up to this many rows stream straight to the download: the list pages about 20,000 rows
    /// a second (100,000 in 4.5 s in the Solutions benchmark), so they end well within a second and need
    /// no progress. Larger ones run in the job, with a progress page and Cancel.
    /// </summary>
    public const int StreamedRows = 5_000;

    /// <summary>A finished export's file is deleted this long after it was stored (by the job).</summary>
    public static readonly TimeSpan KeepFiles = TimeSpan.FromHours(24);

    private const int PageRows = 200;

    /// <summary>Writes the header and every matching row; <paramref name="progress"/> hears the rows written after each page.</summary>
    public async Task<int> WriteAsync(Stream output, Guid solutionId, TableDefinition table, TableFileFormat format, RecordListRequest request, Func<int, Task>? progress, CancellationToken cancellationToken)
    {
        var written = 0;
        await using (var writer = TableFileWriter.Create(output, format, table.Name))
        {
            await writer.WriteRowAsync([.. table.Fields.Select(f => f.Name)], cancellationToken);
            string? after = null;
            do
            {
                var page = await query.ListAsync(solutionId, table, request with { After = after, PageSize = PageRows }, cancellationToken);
                foreach (var (_, values) in page.Rows)
                {
                    await writer.WriteRowAsync([.. table.Fields.Select(f => FieldValues.Display(f, values.TryGetPropertyValue(f.Key, out var v) ? v : null))], cancellationToken);
                }

                written += page.Rows.Count;
                if (progress is not null) await progress(written);
                after = page.Next;
            }
            while (after is not null);
        }

        return written;
    }

    /// <summary>
    /// Where the job writes a run's file before storing it in the database (<see cref="RecordExportPart"/>):
    /// one folder per organization under the data directory, named by the run's unguessable id.
    /// </summary>
    public string WorkingFileOf(RecordExportRun run) => Path.Combine(Folder, run.TenantId.ToString("N"), $"{run.Id:N}.{run.Format.Extension()}.part");

    private string Folder => Path.Combine(Path.GetFullPath(portal.Value.DataDirectory, environment.ContentRootPath), "exports");

    public static string Serialize(RecordListRequest request) => JsonSerializer.Serialize(request with { After = null });

    public static RecordListRequest Deserialize(string json) => JsonSerializer.Deserialize<RecordListRequest>(json) ?? new RecordListRequest(null, null, false, [], null);

    /// <summary>The address of a run's progress page.</summary>
    public static string PageOf(Guid solutionId, string tableKey, Guid runId) => $"/solutions/{solutionId}/tables/{tableKey}/exports/{runId}";

    /// <summary>What the download is called: the table's key and the format's extension, as the streamed export names it.</summary>
    public static string DownloadName(TableDefinition table, TableFileFormat format) => $"{table.Key}.{format.Extension()}";
}
