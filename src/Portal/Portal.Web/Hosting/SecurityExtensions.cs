using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Hosting;

public static class SecurityExtensions
{
    /// <summary>Sign-in, password reset and invitation acceptance: POSTs limited per client address and host.</summary>
    public const string CredentialsPolicy = "credentials";

    private const string NonceKey = "csp-nonce";

    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = configuration.GetValue("RateLimits:Credentials:PermitLimit", 10);
        var window = configuration.GetValue("RateLimits:Credentials:Window", TimeSpan.FromMinutes(1));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(CredentialsPolicy, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.ClientAndHost(),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many attempts. Wait a minute, then try again.", cancellationToken);
            };
        });
        services.Configure<ForwardedHeadersOptions>(options => TrustProxies(options, configuration["ForwardedHeaders:KnownProxies"]));
        services.AddHsts(options =>
        {
            options.MaxAge = configuration.GetValue("Security:HstsMaxAge", TimeSpan.FromDays(365));
            // No includeSubDomains: a custom domain is the organization's own, and its other
            // subdomains may not speak HTTPS. Only what the portal serves is pinned.
            options.IncludeSubDomains = false;
            options.ExcludedHosts.Clear();
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".portal.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>
    /// Only the proxies the operator lists (<c>ForwardedHeaders:KnownProxies</c>: addresses or
    /// CIDR networks, comma-separated) may say who the client is and whether it came over HTTPS;
    /// from anyone else <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are ignored, or any
    /// client could pick its own address for the audit log and the rate limits. The Host header is
    /// never taken from a proxy's header: the terminator passes it through, and it selects the tenant.
    /// </summary>
    public static void TrustProxies(ForwardedHeadersOptions options, string? knownProxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Walk back through every trusted hop (a load balancer before Caddy), stopping at the first untrusted one.
        options.ForwardLimit = null;
        foreach (var entry in (knownProxies ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('/')) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else options.KnownProxies.Add(IPAddress.Parse(entry));
        }

        // With both lists empty the middleware would trust every sender: no proxy configured means no forwarding.
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0) options.ForwardedHeaders = ForwardedHeaders.None;
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme as the configured proxies report
    /// them, then HSTS on every HTTPS response (Development serves plain HTTP only).
    /// </summary>
    public static WebApplication UsePortalProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    /// <summary>A CSP with a per-request nonce for the brand style block, and the other headers of A3.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Error pages re-execute the pipeline on the same request: keep the first nonce and header
            // callback, or the header names one nonce and the page's style block another.
            if (context.Items.ContainsKey(NonceKey))
            {
                await next(context);
                return;
            }

            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // An endpoint that set a stricter policy keeps it (uploaded images: default-src 'none').
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy =
                        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; " +
                        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
                }

                headers.XContentTypeOptions = "nosniff";
                // Old browsers' XSS auditors could be turned against a page; "0" switches them off (OWASP), as the policy above does their job.
                headers.XXSSProtection = "0";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // A download (CSV, .xlsx, JSON) holds an organization's data: no shared or browser
                // cache may keep a copy after the session ends.
                if (IsDownload(context.Response)) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(context);
        });

    private static bool IsDownload(HttpResponse response)
    {
        if (response.Headers.ContentDisposition.ToString().StartsWith("attachment", StringComparison.OrdinalIgnoreCase)) return true;
        var type = response.ContentType ?? string.Empty;
        return type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
               || type.StartsWith("application/vnd.openxmlformats-officedocument", StringComparison.OrdinalIgnoreCase)
               || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
    }

    public static string CspNonce(this HttpContext context) => context.Items[NonceKey] as string ?? string.Empty;

    public static string HtmlAttribute(string value) => WebUtility.HtmlEncode(value);
}
