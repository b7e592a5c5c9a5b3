using System.Text.RegularExpressions;

namespace PartnerPortal.UnitTests;

/// <summary>
/// Every read past the "Tenant" filter is written one way, <c>IgnoreQueryFilters(["Tenant"])</c>,
/// so one search of the source finds every place that crosses tenants (DESIGN: data isolation).
/// </summary>
public sealed partial class TenantFilterBypassesShould
{
    private const string TheSpelling = "IgnoreQueryFilters([\"Tenant\"])";

    [Fact]
    public void BeSpelledOneWayEverywhereInTheSource()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.NotEmpty(files);

        var bypasses = 0;
        var otherSpellings = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match call in IgnoreQueryFilters().Matches(lines[i]))
                {
                    if (lines[i].AsSpan(call.Index).StartsWith(TheSpelling, StringComparison.Ordinal)) bypasses++;
                    else otherSpellings.Add($"{Path.GetRelativePath(RepositoryRoot(), file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.Empty(otherSpellings);
        // The search finds something: the dispatcher, the dashboard and the platform pages cross tenants on purpose.
        Assert.True(bypasses > 10, $"Only {bypasses} bypasses found; is the source tree where this test looks?");
    }

    [Theory]
    [InlineData("db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter])", false)]
    [InlineData("db.Memberships.IgnoreQueryFilters(TenantFilterOnly)", false)]
    [InlineData("db.Memberships.IgnoreQueryFilters()", false)]
    [InlineData("db.Memberships.IgnoreQueryFilters( [\"Tenant\"] )", false)]
    [InlineData("db.Memberships.IgnoreQueryFilters([\"Tenant\"]).Where(m => m.TenantId == id)", true)]
    public void TellTheOneSpellingFromTheOthers(string line, bool accepted)
    {
        var call = IgnoreQueryFilters().Match(line);
        Assert.True(call.Success);
        Assert.Equal(accepted, line.AsSpan(call.Index).StartsWith(TheSpelling, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\bIgnoreQueryFilters\s*\(")]
    private static partial Regex IgnoreQueryFilters();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerPortal.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No PartnerPortal.sln above {AppContext.BaseDirectory}.");
    }
}
