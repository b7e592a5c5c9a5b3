using Microsoft.AspNetCore.Http;

namespace PartnerPortal.Tenancy;

/// <summary>Who sent a request, as rate limits must see it.</summary>
public static class RequestOrigin
{
    /// <summary>
    /// The client's address and the normalized host: one partition per person per organization.
    /// The address is the forwarded client's when a configured proxy sent the request (the
    /// forwarded-headers middleware has already replaced it), so people behind one proxy do not
    /// share a limit; the host is the normalized one, so <c>FaBrIkam.portal.test.</c> and
    /// <c>fabrikam.portal.test</c> are one partition and spellings cannot multiply the limit.
    /// </summary>
    public static string ClientAndHost(this HttpContext context)
    {
        var host = context.Features.Get<TenantFeature>()?.Host
                   ?? (HostName.TryNormalize(context.Request.Host.Value, out var normalized) ? normalized : "?");
        return $"{context.Connection.RemoteIpAddress}|{host}";
    }
}
