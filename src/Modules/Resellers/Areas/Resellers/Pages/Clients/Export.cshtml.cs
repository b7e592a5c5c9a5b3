using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Resellers.Exports;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>
/// The client list as CSV or .xlsx (R10), streamed while it is read; the same rows and columns
/// as the dashboard (no prices for support specialists). Each download is audited (A1).
/// </summary>
public sealed class ExportModel(PartnerAccess access, ClientList list, AuditLog audit, PortalDbContext db) : ResellerPage(access)
{
    public async Task<IActionResult> OnGetAsync(string format, string? q, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(adminOnly: false, cancellationToken) is { } refused) return refused;
        var csv = format == "csv";
        if (!csv && format != "xlsx") return NotFound();
        var term = string.IsNullOrWhiteSpace(q) ? null : q.Trim().ToLowerInvariant();
        if (term is { Length: > 100 }) term = term[..100];

        audit.Record("clients.exported", $"{format}{(term is null ? string.Empty : $", search '{term}'")}{(Rights!.SeesPrices ? string.Empty : ", without prices")}");
        await db.SaveChangesAsync(cancellationToken);

        var rights = Rights!;
        var reseller = Reseller.Id;
        var user = UserId;
        return new StreamedExport(csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"clients-{DateTime.UtcNow:yyyy-MM-dd}.{format}",
            (body, ct) => csv
                ? ClientExport.WriteCsvAsync(body, list.AllAsync(reseller, user, rights, term, ct), rights.SeesPrices, ct)
                : ClientExport.WriteXlsxAsync(body, list.AllAsync(reseller, user, rights, term, ct), rights.SeesPrices, ct));
    }

    /// <summary>Writes the body as it is produced; nothing is buffered beyond the writers' own small buffers.</summary>
    private sealed class StreamedExport(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            // ZipArchive writes entry headers synchronously; the body is still streamed, never held whole.
            if (context.HttpContext.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
            context.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            response.ContentType = contentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            response.Headers.CacheControl = "no-store";
            await write(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
