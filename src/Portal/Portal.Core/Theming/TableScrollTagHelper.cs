using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPortal.Theming;

/// <summary>
/// Puts every <c>&lt;table&gt;</c> of the host's and the modules' pages in its own scroll box
/// (<c>.table-scroll</c> in the themes' CSS), so a wide table scrolls sideways inside the page on a
/// phone, or in a narrow column, instead of widening the whole page and cutting off its actions.
/// The box is keyboard-focusable (a scroll area must be reachable without a mouse) and, when the
/// table has a caption, a region named by it. Registered in each area's <c>_ViewImports</c>, so no
/// page has to remember a wrapper.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableScrollTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        var caption = CaptionText(content.GetContent());
        output.PreElement.SetHtmlContent(caption is null
            ? "<div class=\"table-scroll\" tabindex=\"0\">"
            : $"<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{WebUtility.HtmlEncode(caption)}\">");
        output.PostElement.SetHtmlContent("</div>");
    }

    /// <summary>The caption's text (already encoded HTML, decoded here so it is encoded once), or null.</summary>
    internal static string? CaptionText(string tableHtml)
    {
        var match = Caption().Match(tableHtml);
        if (!match.Success) return null;
        var text = WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, " "));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<caption\b[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
