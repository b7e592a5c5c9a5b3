namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// Where the Nu HTML checker's jar is: <c>VNU_JAR</c>, or the copy <c>test.sh</c> installs from the
/// <c>vnu-jar</c> npm package under <c>artifacts/tools/</c>. Never a skip: without it the test fails and says how to get it.
/// </summary>
public static class NuChecker
{
    private const string InstalledPath = "artifacts/tools/node_modules/vnu-jar/build/dist/vnu.jar";

    public static string JarPath()
    {
        var configured = Environment.GetEnvironmentVariable("VNU_JAR");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, InstalledPath);
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException(
            $"The Nu HTML checker was not found ({InstalledPath} above {AppContext.BaseDirectory}, or VNU_JAR). " +
            "Run ./test.sh, which installs it, or: npm install --prefix artifacts/tools --ignore-scripts vnu-jar@26.9.27 (it needs Java).");
    }
}
