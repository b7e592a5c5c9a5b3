using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Branding;

/// <summary>
/// Uploaded logos and favicons at stable URLs on the organization's own host (T3, T5). Links carry
/// <c>?v={content hash}</c>, so a versioned request is cached for a year and a new upload gets a
/// new URL; every answer has an ETag. The bytes are served with a CSP that forbids everything and
/// <c>nosniff</c>, so an uploaded SVG opened directly cannot run a script (it is shown only
/// through <c>&lt;img&gt;</c> anyway).
/// </summary>
public static class BrandAssetEndpoints
{
    /// <summary>What an uploaded image is served with, whatever its type.</summary>
    public const string AssetPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    public static IEndpointRouteBuilder MapBrandAssets(this IEndpointRouteBuilder endpoints)
    {
        // Public: a sign-in page shows the logo before anyone signs in.
        var assets = endpoints.MapGroup(string.Empty).WithMetadata(PartnerPortal.Accounts.Audience.Anyone);
        assets.MapGet(Brand.LogoAddress, (HttpContext context, PortalDbContext db, CancellationToken ct) => ServeAsync(context, db, BrandAssetKind.Logo, ct));
        assets.MapGet(Brand.FaviconAddress, (HttpContext context, PortalDbContext db, CancellationToken ct) => ServeAsync(context, db, BrandAssetKind.Favicon, ct));
        // Browsers ask for /favicon.ico on their own: the upload when there is one, else the rendered SVG.
        assets.MapGet("/favicon.ico", async (HttpContext context, PortalDbContext db, PartnerPortal.Mail.EmailRenderer renderer, Microsoft.Extensions.Options.IOptions<PortalOptions> portal, CancellationToken ct) =>
            context.Tenancy()?.Tenant?.Branding.FaviconVersion is null
                ? FaviconEndpoint.Render(context, renderer, portal)
                : await ServeAsync(context, db, BrandAssetKind.Favicon, ct));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, PortalDbContext db, BrandAssetKind kind, CancellationToken cancellationToken)
    {
        var branding = context.Tenancy()?.Tenant?.Branding;
        var version = kind == BrandAssetKind.Logo ? branding?.LogoVersion : branding?.FaviconVersion;
        if (version is null) return Results.NotFound();

        var etag = $"\"{version}\"";
        var headers = context.Response.Headers;
        headers.ETag = etag;
        // The versioned URL never changes content; the bare one is revalidated.
        headers.CacheControl = context.Request.Query["v"] == version ? "public, max-age=31536000, immutable" : "public, no-cache";
        headers.ContentSecurityPolicy = AssetPolicy;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // The "Tenant" filter limits this to the host's organization.
        var asset = await db.BrandAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Kind == kind, cancellationToken);
        if (asset is null) return Results.NotFound();
        headers.ETag = $"\"{asset.Version}\"";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
