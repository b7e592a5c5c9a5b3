using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Records;

/// <summary>Where an import of a file into a table stands.</summary>
public enum ImportStatus
{
    /// <summary>Checked and previewed; waits for the user to confirm.</summary>
    Ready,

    /// <summary>Confirmed; waits for the <c>solutions-imports</c> job.</summary>
    Queued,

    Running,
    Done,
    Cancelled,
    Failed,
}

/// <summary>
/// An uploaded CSV or .xlsx file and what became of it: stored with its preview, so a large import
/// runs in the background job and every page (another tab, another device) reads the same status.
/// The file is dropped once the import has ended.
/// </summary>
public class RecordImportRun : IQueuedRun<ImportStatus>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public required string TableKey { get; set; }

    public required string FileName { get; set; }

    /// <summary>The file as uploaded; null once the import has ended.</summary>
    public byte[]? Content { get; set; }

    public int RowCount { get; set; }

    public ImportStatus Status { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The client tag the person who asked is limited to in this solution (C12, <see cref="RecordScope"/>): the job reads and writes only such records, as they would.</summary>
    public string? ClientTag { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Rows written when the import ended (all of them, or none).</summary>
    public int RowsDone { get; set; }

    public string? Error { get; set; }
}
