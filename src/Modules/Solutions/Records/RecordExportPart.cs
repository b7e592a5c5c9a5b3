using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// A piece of a finished large export's file, in order. The file is stored in the database, not on
/// the disk of the instance that wrote it, so that any instance serves the download: instances keep
/// nothing of their own (README, "Operations"). Pieces go with their run.
/// </summary>
public class RecordExportPart : ITenantOwned
{
    /// <summary>A piece's most bytes: a download reads one piece at a time, so memory stays flat whatever the file's size.</summary>
    public const int Size = 1024 * 1024;

    public Guid RunId { get; set; }

    public int Number { get; set; }

    public Guid TenantId { get; set; }

    public required byte[] Bytes { get; set; }
}
