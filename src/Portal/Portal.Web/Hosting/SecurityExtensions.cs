using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

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
                        $"{context.Connection.RemoteIpAddress}|{context.Request.Host.Host}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many attempts. Wait a minute, then try again.", cancellationToken);
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".portal.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
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
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next(context);
        });

    public static string CspNonce(this HttpContext context) => context.Items[NonceKey] as string ?? string.Empty;

    public static string HtmlAttribute(string value) => WebUtility.HtmlEncode(value);
}
