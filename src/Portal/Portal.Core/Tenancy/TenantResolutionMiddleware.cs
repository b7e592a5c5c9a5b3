using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Tenancy;

/// <summary>The request's place: the platform host or one organization's host. Views read it.</summary>
public sealed class TenantFeature(HostKind kind, TenantInfo? tenant, string host)
{
    public HostKind Kind { get; } = kind;

    public TenantInfo? Tenant { get; } = tenant;

    /// <summary>The normalized host of this request.</summary>
    public string Host { get; } = host;

    public bool IsPlatform => Kind == HostKind.Platform;
}

/// <summary>
/// Host → organization (T1, DESIGN "A request"). The Host header is the only tenant input; an
/// unknown host gets a 404 that names nobody, and a non-primary host redirects to the primary.
/// </summary>
public sealed partial class TenantResolutionMiddleware(
    RequestDelegate next,
    ITenantStore store,
    ITenantContext tenants,
    TenantUrls urls,
    ILogger<TenantResolutionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HostName.TryNormalize(context.Request.Host.Value, out var host))
        {
            LogRejectedHost(logger, context.Request.Host.Value?.Length ?? 0);
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, "Bad request.");
            return;
        }

        var resolution = await store.ResolveAsync(host, context.RequestAborted);
        if (resolution.Kind == HostKind.Unknown)
        {
            await WritePlainAsync(context, StatusCodes.Status404NotFound, "Not found.");
            return;
        }

        if (resolution.Tenant is { } tenant && host != tenant.PrimaryHost)
        {
            var keepMethod = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
            context.Response.StatusCode = keepMethod ? StatusCodes.Status307TemporaryRedirect : StatusCodes.Status302Found;
            context.Response.Headers.Location = urls.For(tenant, context.Request.PathBase + context.Request.Path + context.Request.QueryString);
            return;
        }

        context.Features.Set(new TenantFeature(resolution.Kind, resolution.Tenant, host));
        using (tenants.Change(resolution.Tenant))
        {
            await next(context);
        }
    }

    private static Task WritePlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a request whose Host header is not a valid host name ({Length} characters).")]
    private static partial void LogRejectedHost(ILogger logger, int length);
}
