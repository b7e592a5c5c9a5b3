using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Solutions.Records;

namespace PartnerPortal.Solutions.Areas.Solutions.Pages;

/// <summary>
/// A solution opens on its data: the first table's records, a tab per table. Builders reach the
/// builder, versions and management from its navigation; nobody else sees them.
/// </summary>
public sealed class SolutionModel(PortalDbContext db, SolutionAccess access, SolutionLibrary library, RecordQuery query, RecordExport export, RecordScope scope, AuditLog audit, PartnerPortal.Accounts.CurrentMember member, TimeProvider time)
    : RecordsPageModel(db, access, library, query, export, scope, audit, member, time)
{
    public string? Message { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        Message = message;
        return ListAsync(id, table: null, cancellationToken);
    }

    /// <summary>
    /// Publish, share and the other builder forms used to post here; a page still open from before
    /// they moved is sent on with its form (307 keeps the method and body), and /manage decides.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Runs also when no handler matches (?handler=Publish has none here), which would otherwise render an empty model.
        if (HttpMethods.IsPost(Request.Method))
        {
            context.Result = RedirectPreserveMethod($"/solutions/{RouteData.Values["id"]}/manage{Request.QueryString}");
            return;
        }

        await next();
    }
}
