using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.Web.Pages;

/// <summary>The branded page behind every error status (re-executed by the status code pages).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>The form's token was missing or expired (a long pause, a sign-in in another tab): not a server error.</summary>
    public bool IsFormExpired { get; private set; }

    /// <summary>Where the expired form was sent to, offered again as a link (a local path only).</summary>
    public string? RetryPath { get; private set; }

    /// <summary>Why the portal refused the request, when it said (see <see cref="Hosting.BadRequests"/>).</summary>
    public string? Reason => HttpContext.Reason();

    public string Title => IsFormExpired ? "This form has expired" : Code switch
    {
        400 => "Cannot be read",
        403 => "No access",
        404 => "Page not found",
        413 => "Too large",
        429 => "Slow down",
        _ => "Something went wrong",
    };

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private IActionResult Show(int? code)
    {
        // Reached directly (not re-executed), the page answers 404 rather than inventing an error.
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                         || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        Code = reExecuted ? code ?? 500 : 404;
        IsFormExpired = Code == StatusCodes.Status400BadRequest && HttpContext.Features.Get<Hosting.FormExpired>() is not null;
        if (IsFormExpired && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original)
        {
            // The page itself, without the handler of the refused POST: a GET shows the form afresh.
            var path = original.OriginalPathBase + original.OriginalPath;
            RetryPath = Url.IsLocalUrl(path) ? path : "/";
        }

        Response.StatusCode = Code;
        return Page();
    }
}
