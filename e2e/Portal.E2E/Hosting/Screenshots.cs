namespace PartnerPortal.E2E.Hosting;

/// <summary>Full-page PNGs under <c>e2e/Portal.E2E/output/</c> (or <c>E2E_OUTPUT</c>), for a person to look at.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static string OutputFolder => Folder.Value;

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OutputFolder, $"{name}.png"), FullPage = true });

    private static string FindFolder()
    {
        var configured = Environment.GetEnvironmentVariable("E2E_OUTPUT");
        var folder = !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(configured) : Path.Combine(ProjectFolder(), "output");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.E2E.csproj"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No folder with Portal.E2E.csproj above {AppContext.BaseDirectory}: set E2E_OUTPUT to choose where screenshots go.");
    }
}
