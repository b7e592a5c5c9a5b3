using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// A3: input the portal cannot take (too large, too many fields, NUL bytes, a body the server cut
/// off) gets a 4xx with a sentence that says what was wrong, on the branded error page, instead of
/// an exception deep in model binding that ends as a generic 500.
/// </summary>
public static partial class BadRequests
{
    /// <summary>The longest single form field (ASP.NET Core's default, said out loud: the message names it).</summary>
    public const int FieldLimit = 4 * 1024 * 1024;

    /// <summary>The most fields in one form (ASP.NET Core's default, far above the portal's widest form).</summary>
    public const int FieldCountLimit = 1024;

    internal const string ReasonKey = "portal.bad-request";

    /// <summary>What the error page says for this request's 400 or 413, if the portal said why.</summary>
    public static string? Reason(this HttpContext context) => context.Items[ReasonKey] as string;

    /// <summary>Form limits the messages can name, and single-line names on every form (<see cref="SingleLineNames"/>).</summary>
    public static IServiceCollection AddPortalInputChecks(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            options.ModelValidatorProviders.Add(new SingleLineNames());
            options.Filters.Add(new UnknownHandlers());
        });
        services.Configure<FormOptions>(options =>
        {
            options.ValueLengthLimit = FieldLimit;
            options.ValueCountLimit = FieldCountLimit;
        });
        return services;
    }

    /// <summary>
    /// After the access gate (nobody uploads to a page they may not open) and before the page
    /// reads its form: refuses a body larger than the endpoint allows from its Content-Length
    /// alone, reads a page's form once (MVC then uses the same copy) and refuses NUL bytes in it.
    /// </summary>
    public static IApplicationBuilder UseFormChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The error page, re-executed for a refused request, shows the refusal: it is not checked again.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            try
            {
                if (await RefusalAsync(context) is { } refusal)
                {
                    Refuse(context, refusal.Status, refusal.Reason);
                    return;
                }

                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && AsRefusal(ex) is { } refusal)
            {
                // A chunked body that grew past the limit, or a form the checks above did not read.
                Refuse(context, refusal.Status, refusal.Reason);
            }
        });

    private static async Task<(int Status, string Reason)?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength is { } length && limit is { } max && length > max)
            return (StatusCodes.Status413PayloadTooLarge, TooLarge(max));

        if (request.Query.Any(p => p.Value.Any(v => v?.Contains('\0') == true)))
            return (StatusCodes.Status400BadRequest, NulByte);

        // Only a page's form: an endpoint that streams its body reads it itself.
        if (!request.HasFormContentType || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null) return null;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (AsRefusal(ex) is { } refusal)
        {
            return refusal;
        }

        return form.Any(f => f.Value.Any(v => v?.Contains('\0') == true)) || form.Files.Any(f => f.FileName.Contains('\0'))
            ? (StatusCodes.Status400BadRequest, NulByte)
            : null;
    }

    private const string NulByte = "The form contained a character that cannot be typed (such as a NUL byte), so nothing was saved. Go back, retype the value and send it again.";

    private static string TooLarge(long max) =>
        $"What you sent is larger than this page accepts ({max / (1024 * 1024)} MB at most), so nothing was saved. Go back and choose a smaller file.";

    private static (int Status, string Reason)? AsRefusal(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "What you sent is larger than this page accepts, so nothing was saved. Go back and choose a smaller file."),
        InvalidDataException when ex.Message.Contains("count", StringComparison.OrdinalIgnoreCase) =>
            (StatusCodes.Status413PayloadTooLarge, $"The form had more than {FieldCountLimit:N0} fields, so nothing was saved. Go back and send it again."),
        InvalidDataException when ex.Message.Contains("length", StringComparison.OrdinalIgnoreCase) =>
            (StatusCodes.Status413PayloadTooLarge, $"A field of the form was longer than {FieldLimit / (1024 * 1024)} MB, so nothing was saved. Go back and shorten it."),
        // The form reader refuses what no keyboard types (a NUL byte, a broken encoding) before the check above sees it.
        InvalidDataException => (StatusCodes.Status400BadRequest, NulByte),
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 =>
            (bad.StatusCode, "The request could not be read, so nothing was saved. Go back and send it again."),
        Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException { InnerException: { } inner } => AsRefusal(inner),
        _ => null,
    };

    private static void Refuse(HttpContext context, int status, string reason)
    {
        context.Items[ReasonKey] = reason;
        // Whatever runs next (the error page) must not read the refused body again: it gets an empty form.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.Clear();
        context.Response.StatusCode = status;
        // The rest of the body is not read: tell the client the connection will not be reused.
        context.Response.Headers.Connection = "close";
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadRequests)), status, context.Request.Path, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a request to {Path} with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, PathString path, string reason);
}

/// <summary>
/// <c>?handler=nope</c>: Razor Pages would fall back to the page's unnamed handler (a POST then
/// does what the plain form does), or, on a page with only named handlers, render the view without
/// running any handler (so without the data it needs), which ends in a 500. A request that names
/// an action the page does not have gets a 400 that says so.
/// </summary>
public sealed class UnknownHandlers : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var named = context.RouteData.Values["handler"] as string ?? context.HttpContext.Request.Query["handler"].ToString();
        var unknown = string.IsNullOrEmpty(named)
            ? context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0
            : !string.Equals(context.HandlerMethod?.Name, named, StringComparison.OrdinalIgnoreCase);
        var reExecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                         || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (unknown && !reExecuted)
        {
            context.HttpContext.Items[BadRequests.ReasonKey] = "This page has no such action. Go back, reload the page and try again.";
            context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status400BadRequest);
            return Task.CompletedTask;
        }

        return next();
    }
}
