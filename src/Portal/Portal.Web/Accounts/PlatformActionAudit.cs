using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Accounts;

/// <summary>
/// Every platform-admin action lands in the platform audit (A1), whichever page or module it came
/// from: a successful POST to a page for <see cref="Audience.PlatformAdmins"/> that recorded nothing
/// itself is recorded here, with its page, its handler and the message the admin was shown. Pages
/// that know better record their own entry (<see cref="PlatformAudit"/>), and this one stands aside.
/// </summary>
public sealed class PlatformActionAudit(PlatformAudit audit, PortalDbContext db, ITenantContext tenants) : IAsyncPageFilter
{
    public const string Action = "platform.action";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || audit.Recorded || tenants.Current is not null) return;
        if (http.GetEndpoint()?.Metadata.GetMetadata<Audience>()?.Kind != AudienceKind.PlatformAdmins) return;
        if (executed.Exception is not null && !executed.ExceptionHandled) return;
        if (http.User.Identity?.IsAuthenticated != true) return;

        string? message = null;
        switch (executed.Result)
        {
            case RedirectToPageResult page:
                message = page.RouteValues?.TryGetValue("message", out var said) == true ? said?.ToString() : null;
                break;
            case RedirectResult redirect:
                message = MessageIn(redirect.Url);
                break;
            case LocalRedirectResult redirect:
                message = MessageIn(redirect.Url);
                break;
            case FileResult:
                break;
            case PageResult page when (page.StatusCode ?? http.Response.StatusCode) < 400 && context.ModelState.IsValid:
                break;
            default:
                return; // refused or invalid: nothing happened
        }

        var handler = context.HandlerMethod?.Name;
        var detail = $"{http.Request.Path}{(string.IsNullOrEmpty(handler) ? string.Empty : $" ({handler})")}{(message is null ? string.Empty : $": {message}")}";
        audit.Record(Action, detail);
        await db.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>The <c>message</c> a redirect hands to the next page, the words the admin reads about what happened.</summary>
    private static string? MessageIn(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[query..]).TryGetValue("message", out var said) ? said.ToString() : null;
    }
}
