using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Web.Audit;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>The organization's audit log (A1), for owners: filtered, searched, paged and exported like the platform's.</summary>
public sealed class AuditModel(PortalDbContext db) : AuditLogPage<AuditEntry>
{
    public override string Subject => "the audit log";

    protected override string PagePath => "/settings/audit";

    protected override string FileName => "audit-log";

    protected override IReadOnlyList<(string Header, Func<AuditEntry, string?> Value)> OwnColumns { get; } = [("Acting as", e => e.ActingUserEmail)];

    // The tenant filter keeps every other organization's entries out.
    protected override IQueryable<AuditEntry> Rows() => db.AuditEntries.AsNoTracking();
}
