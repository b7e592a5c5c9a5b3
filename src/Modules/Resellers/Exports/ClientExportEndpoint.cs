using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Files;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Exports;

/// <summary>
/// The client list as CSV or .xlsx (R10), streamed while it is read; the same rows and columns
/// as the dashboard (no prices for support specialists). Each download is audited (A1). A file,
/// not a page: an endpoint of the module, behind the same gate and switch as its pages.
/// </summary>
internal static class ClientExportEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, Audience who) =>
        endpoints.MapGet("/clients/export.{format}", ExportAsync).WithMetadata(who);

    private static async Task<IResult> ExportAsync(
        HttpContext context,
        string format,
        string? q,
        PartnerAccess access,
        ClientList list,
        AuditLog audit,
        PortalDbContext db,
        TimeProvider time)
    {
        if (TableFileFormats.Parse(format) is not { } fileFormat) return Results.NotFound();
        // The gate let only this partner's members in; the rights say what of the list they see.
        var reseller = context.Tenancy()!.Tenant!.Id;
        var user = Guid.Parse(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await access.RightsAsync(reseller, user, context.RequestAborted) is not { } rights) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var term = string.IsNullOrWhiteSpace(q) ? null : q.Trim().ToLowerInvariant();
        if (term is { Length: > 100 }) term = term[..100];

        audit.Record("clients.exported", $"{format}{(term is null ? string.Empty : $", search '{term}'")}{(rights.SeesPrices ? string.Empty : ", without prices")}");
        await db.SaveChangesAsync(context.RequestAborted);

        return new StreamedDownload(
            fileFormat.ContentType(),
            $"clients-{time.GetUtcNow():yyyy-MM-dd}.{fileFormat.Extension()}",
            (body, ct) => ClientExport.WriteAsync(body, fileFormat, list.AllAsync(reseller, user, rights, term, ct), rights.SeesPrices, ct));
    }

    /// <summary>Writes the body as it is produced; nothing is buffered beyond the writers' own small buffers.</summary>
    private sealed class StreamedDownload(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            response.ContentType = contentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            response.Headers.CacheControl = "no-store";
            await write(response.Body, context.RequestAborted);
        }
    }
}
