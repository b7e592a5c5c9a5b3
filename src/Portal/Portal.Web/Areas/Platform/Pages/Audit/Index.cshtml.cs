using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Web.Audit;

namespace PartnerPortal.Web.Areas.Platform.Pages.Audit;

/// <summary>The platform audit (A1), platform host only: what platform admins did and their sign-ins.</summary>
public sealed class AuditModel(PortalDbContext db) : AuditLogPage<PlatformAuditEntry>
{
    public override string Subject => "the platform audit";

    protected override string PagePath => "/platform/audit";

    protected override string FileName => "platform-audit";

    protected override IReadOnlyList<(string Header, Func<PlatformAuditEntry, string?> Value)> OwnColumns { get; } = [("Organization", e => e.OrganizationId?.ToString())];

    // The platform's own rows: the tenant filter hides them, so they are read by the platform's id.
    protected override IQueryable<PlatformAuditEntry> Rows() =>
        db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(a => a.TenantId == IMayBelongToPlatform.Platform);
}
