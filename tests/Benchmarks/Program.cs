namespace PartnerPortal.Benchmarks;

/// <summary>
/// Performance scenarios, each a ratio against a baseline measured in the same run (DESIGN "Tests").
/// Run: <c>dotnet run -c Release --project tests/Benchmarks [-- rounds]</c>. Not top-level statements:
/// those would declare a second <c>Program</c> next to the portal's.
/// </summary>
public static class Scenarios
{
    public static async Task<int> Main(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 8;
        var passed = await ThemedPageScenario.RunAsync(rounds, Console.Out);
        passed &= EmailRenderingScenario.Run(Console.Out);
        return passed ? 0 : 1;
    }
}
