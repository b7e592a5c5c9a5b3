using System.Text.RegularExpressions;

namespace PartnerPortal.UnitTests;

/// <summary>
/// Issue 14, "Confirm, report, undo": every form of the host, the modules and the themes that
/// posts to a destructive or billing-changing handler (delete, remove, detach, revoke, archive, end,
/// leave, deactivate, mark as partner, change plan, suspend) carries <c>data-confirm</c> saying what
/// will happen, and every page with such a form renders the <c>_Confirm</c> dialog. Read from the
/// source, so a new form lands covered without editing this test.
/// </summary>
public sealed partial class DestructiveFormsShould
{
    /// <summary>Handlers that destroy or change billing, by the name the form posts to.</summary>
    [GeneratedRegex(@"^(Delete\w*|Remove|Detach|Revoke|Archive|End|Leave|Deactivate|MarkPartner|Plan|Suspend|RevokeLink)$")]
    private static partial Regex Destructive();

    /// <summary>Forms that need no dialog, each with its reason.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["Settings/Invitations.cshtml:Revoke"] = "withdraws an invitation not yet accepted; nothing anyone has is lost and it can be sent again",
        ["InviteConsultant.cshtml:Withdraw"] = "withdraws an invitation not yet accepted",
        ["Account/Sessions.cshtml:End"] = "signs out one of the person's own devices; signing in again there undoes it",
    };

    [Fact]
    public void AskFirstAndSayWhatWillHappen()
    {
        var root = RepositoryRoot();
        var files = new[] { "src", "themes" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 100, $"Only {files.Count} views found; is the source tree where this test looks?");

        var checkedForms = 0;
        var missing = new List<string>();
        var pagesWithoutDialog = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var asks = false;
            foreach (Match form in FormTag().Matches(text))
            {
                var tag = form.Value;
                if (!tag.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)) continue;
                var handler = Handler().Match(tag) is { Success: true } h ? h.Groups["name"].Value : null;
                if (handler is null || !Destructive().IsMatch(handler)) continue;
                if (Exempt.Keys.Any(key => relative.EndsWith(key.Split(':')[0], StringComparison.Ordinal) && key.EndsWith(":" + handler, StringComparison.Ordinal))) continue;
                checkedForms++;
                if (tag.Contains("data-confirm=\"", StringComparison.Ordinal)) asks = true;
                else missing.Add($"{relative}: the form posting to “{handler}” does not ask first (data-confirm)");
            }

            // A view component's or partial's form is asked about by the page that renders it.
            var isPage = text.TrimStart().StartsWith("@page", StringComparison.Ordinal);
            if (asks && isPage && !text.Contains("<partial name=\"_Confirm\"", StringComparison.Ordinal)) pagesWithoutDialog.Add(relative);
        }

        Assert.Empty(missing);
        Assert.Empty(pagesWithoutDialog);
        Assert.True(checkedForms >= 20, $"Only {checkedForms} destructive forms found; has the markup changed shape?");
    }

    [Theory]
    [InlineData("<form method=\"post\" asp-page-handler=\"Detach\">", "Detach")]
    [InlineData("<form method=\"post\" action=\"/settings/access/partners?handler=Revoke\" asp-antiforgery=\"true\" class=\"stack\">", "Revoke")]
    [InlineData("<form method=\"post\"\n      asp-page-handler=\"End\" asp-route-search=\"@Model.Search\">", "End")]
    public void FindTheHandlerAFormPostsTo(string tag, string handler)
    {
        Assert.Equal(tag, FormTag().Match(tag).Value);
        Assert.Equal(handler, Handler().Match(tag).Groups["name"].Value);
    }

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"(?:asp-page-handler=""|[?&]handler=)(?<name>\w+)")]
    private static partial Regex Handler();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerPortal.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No PartnerPortal.sln above {AppContext.BaseDirectory}.");
    }
}
