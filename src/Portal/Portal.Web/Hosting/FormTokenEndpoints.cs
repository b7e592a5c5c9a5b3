using Microsoft.AspNetCore.Antiforgery;
using PartnerPortal.Accounts;
using PartnerPortal.Theming;

namespace PartnerPortal.Web.Hosting;

/// <summary>
/// "Nothing is lost that the browser still holds" (issue 14): a form shown again from the
/// browser's history asks this host for a fresh antiforgery token and puts it in its hidden field,
/// so the person's entries are sent with a valid token on the next click. The token is readable
/// only by the host's own pages (same origin, JSON with <c>nosniff</c>, no CORS), so another site
/// still cannot post in someone's name; nothing is ever re-sent for the person.
/// </summary>
public static class FormTokenEndpoints
{
    public static IEndpointRouteBuilder MapFormTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FormTokenScriptTagHelper.TokenPath, (HttpContext context, IAntiforgery antiforgery) =>
        {
            // Sets a new cookie token when the old one is gone (the usual cause of an expired form).
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { token = tokens.RequestToken });
        }).WithMetadata(Audience.Anyone);
        endpoints.MapGet(FormTokenScriptTagHelper.ScriptPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(Script, "text/javascript; charset=utf-8");
        }).WithMetadata(Audience.Anyone);
        return endpoints;
    }

    /// <summary>
    /// On a page shown from history (the back-forward cache, or Back re-loading it), every token
    /// field gets a fresh token; a form sent while that is under way waits for it.
    /// </summary>
    private const string Script = """
        (function () {
            if (window.portalFormTokens) return;
            window.portalFormTokens = true;
            var pending = null;
            function fields() { return document.querySelectorAll('form input[name="__RequestVerificationToken"]'); }
            function refresh() {
                if (!fields().length) return;
                pending = fetch('/account/form-token', { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
                    .then(function (response) { return response.ok ? response.json() : null; })
                    .then(function (data) { if (data && data.token) fields().forEach(function (field) { field.value = data.token; }); })
                    .catch(function () { })
                    .then(function () { pending = null; document.documentElement.setAttribute('data-form-token', 'fresh'); });
            }
            window.addEventListener('pageshow', function (event) {
                var navigation = performance.getEntriesByType ? performance.getEntriesByType('navigation')[0] : null;
                if (event.persisted || (navigation && navigation.type === 'back_forward')) refresh();
            });
            window.addEventListener('submit', function (event) {
                if (!pending) return;
                var form = event.target, submitter = event.submitter;
                event.preventDefault();
                event.stopImmediatePropagation();
                pending.then(function () { if (submitter) form.requestSubmit(submitter); else form.requestSubmit(); });
            }, true);
        })();
        """;
}
