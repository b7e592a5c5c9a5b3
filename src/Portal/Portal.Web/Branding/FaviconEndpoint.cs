using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerPortal.Branding;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Branding;

/// <summary>
/// <c>/favicon.svg</c> per organization, rendered from the theme's Scriban template with the
/// brand's initials and colour (T5). Cached by the browser and revalidated by ETag. An uploaded
/// favicon is served by <see cref="BrandAssetEndpoints"/>, and the layout links that one instead.
/// </summary>
public static class FaviconEndpoint
{
    public const string Path = Brand.RenderedFaviconAddress;

    public static IResult Render(HttpContext context, EmailRenderer renderer, IOptions<PortalOptions> portal)
    {
        var brand = context.Tenancy()?.Tenant?.Branding ?? Brand.ForPlatform(portal.Value.PlatformName);
        var values = brand.TemplateValues();
        values["initials"] = Initials(brand.ProductName);
        var svg = renderer.RenderFile(context.ActiveTheme(), "favicon.svg.sbn", values, html: true);

        var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..16]}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Text(svg, "image/svg+xml; charset=utf-8");
    }

    public static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => char.IsLetterOrDigit(w[0])).ToArray();
        return words.Length switch
        {
            0 => "?",
            1 => words[0][..Math.Min(2, words[0].Length)].ToUpperInvariant(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[1][0])),
        };
    }
}
