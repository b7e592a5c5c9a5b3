using PartnerPortal.Data;
using PartnerPortal.Files;

namespace PartnerPortal.Solutions.Records;

/// <summary>Where a large export of a table stands.</summary>
public enum ExportStatus
{
    /// <summary>Asked for; waits for the <c>solutions-exports</c> job.</summary>
    Queued,

    Running,

    /// <summary>The file is written and can be downloaded until it expires.</summary>
    Done,

    Cancelled,
    Failed,

    /// <summary>The file was deleted after <see cref="RecordExport.KeepFiles"/>.</summary>
    Expired,
}

/// <summary>
/// A large export of a table's records (more than <see cref="RecordExport.StreamedRows"/>): stored,
/// so the <c>solutions-exports</c> job writes its file (stored in <see cref="RecordExportPart"/>s) and every
/// page (another tab, another device of the same person) reads the same status. Only the person who
/// asked for it and the organization's admins see it.
/// </summary>
public class RecordExportRun : IQueuedRun<ExportStatus>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public required string TableKey { get; set; }

    public TableFileFormat Format { get; set; }

    /// <summary>The list's search, sort, filters and tag when the export was asked for (JSON of <see cref="RecordListRequest"/>).</summary>
    public required string RequestJson { get; set; }

    /// <summary>Matching records when the export was asked for: the progress bar's end.</summary>
    public int RowCount { get; set; }

    /// <summary>Rows written when the export ended.</summary>
    public int RowsDone { get; set; }

    public ExportStatus Status { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The client tag the person who asked is limited to in this solution (C12, <see cref="RecordScope"/>): the job reads and writes only such records, as they would.</summary>
    public string? ClientTag { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Error { get; set; }
}
