using Microsoft.AspNetCore.Http;

namespace PartnerPortal.Solutions.Center;

/// <summary>Public Solution Center pages: anonymous visitors' pages may be kept by any cache for a minute; a signed-in visitor's stay theirs.</summary>
public static class CenterCaching
{
    public static void Cacheable(HttpContext context)
    {
        context.Response.Headers.CacheControl = context.User.Identity?.IsAuthenticated == true ? "private, no-cache" : "public, max-age=60";
        context.Response.Headers.Vary = "Cookie";
    }
}
