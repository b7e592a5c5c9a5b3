using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPortal.Theming;

/// <summary>
/// Puts the host's form-token script (<see cref="ScriptPath"/>) after the first POST form of a
/// page, once per page, so every form of the host and the modules picks up a fresh antiforgery
/// token when the browser shows it again (Back after "This form has expired", the back-forward
/// cache): what the person typed is still in the form, and sending it again works. Registered in
/// each area's <c>_ViewImports</c> beside <see cref="TableScrollTagHelper"/>, so no page has to
/// remember it. An external script, so the CSP's <c>script-src 'self'</c> admits it without a nonce.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class FormTokenScriptTagHelper : TagHelper
{
    /// <summary>Served by the host, with the token itself at <see cref="TokenPath"/>.</summary>
    public const string ScriptPath = "/account/form-token.js";

    public const string TokenPath = "/account/form-token";

    private static readonly object Written = new();

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!context.AllAttributes.TryGetAttribute("method", out var method) || !string.Equals(method.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase)) return;
        var items = ViewContext.HttpContext.Items;
        if (items.ContainsKey(Written)) return;
        items[Written] = true;
        output.PostElement.AppendHtml($"<script src=\"{ScriptPath}\" defer></script>");
    }
}
