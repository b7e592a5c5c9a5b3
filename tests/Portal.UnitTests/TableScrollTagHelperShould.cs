using PartnerPortal.Theming;

namespace PartnerPortal.UnitTests;

/// <summary>Every table's scroll box is named by the table's caption, as a screen reader announces it.</summary>
public sealed class TableScrollTagHelperShould
{
    [Theory]
    [InlineData("<caption>Client accounts</caption><tr><td>x</td></tr>", "Client accounts", "a plain caption")]
    [InlineData("<caption class=\"visually-hidden\">Seats &amp; SLAs</caption>", "Seats & SLAs", "encoded once: decoded here, encoded again in the attribute")]
    [InlineData("<caption>\n  Points <strong>by month</strong>\n</caption>", "Points by month", "markup and line breaks become single spaces")]
    [InlineData("<thead><tr><th>Name</th></tr></thead>", null, "no caption: no name, no region")]
    [InlineData("<caption>   </caption>", null, "an empty caption names nothing")]
    public void NameTheScrollBoxByTheCaption(string tableHtml, string? expected, string reason)
    {
        Assert.True(TableScrollTagHelper.CaptionText(tableHtml) == expected, reason);
    }
}
