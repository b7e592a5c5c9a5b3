using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>One table's records, under its tab.</summary>
public sealed class RecordsModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordQuery query, RecordExport export, RecordScope scope, AuditLog audit, PartnerPortal.Accounts.CurrentMember member, TimeProvider time)
    : RecordsPageModel(db, access, library, query, export, scope, audit, member, time)
{
    public Task<IActionResult> OnGetAsync(Guid id, string table, CancellationToken cancellationToken) => ListAsync(id, table, cancellationToken);

    public Task<IActionResult> OnGetExportAsync(Guid id, string table, string? format, CancellationToken cancellationToken) => ExportAsync(id, table, format, cancellationToken);
}
