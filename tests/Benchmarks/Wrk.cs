using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Drives load with wrk, a separate native process: on two cores an in-process .NET client would
/// share the server's thread pool and blur the comparison. Host headers rotate per request.
/// </summary>
public sealed partial class Wrk(int connections, string workDirectory)
{
    public sealed record Result(double RequestsPerSecond, long Requests, long Errors);

    public static bool IsInstalled()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            probe.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public async Task<Result> RunAsync(Uri server, string path, IReadOnlyList<string> hosts, TimeSpan duration)
    {
        var script = WriteScript(path, hosts);
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "-s", script, new Uri(server, path).ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr}{output}");
        }

        var rate = RequestsPerSecond().Match(output);
        var total = TotalRequests().Match(output);
        if (!rate.Success || !total.Success) throw new InvalidOperationException($"Could not read wrk's output:{System.Environment.NewLine}{output}");

        // wrk counts 3xx as success; the scenario checks every host answers 200 before measuring.
        long errors = 0;
        var non2xx = Non2xx().Match(output);
        if (non2xx.Success) errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        var socket = SocketErrors().Match(output);
        if (socket.Success)
        {
            errors += Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture));
        }

        return new Result(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            errors);
    }

    /// <summary>Precomputes one request per host, then hands them out round-robin.</summary>
    private string WriteScript(string path, IReadOnlyList<string> hosts)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local hosts = {");
        foreach (var host in hosts) lua.Append("  \"").Append(host).AppendLine("\",");
        lua.AppendLine("}");
        lua.AppendLine("local requests = {}");
        lua.AppendLine("local i = 0");
        lua.AppendLine("init = function(args)");
        lua.AppendLine("  for n, host in ipairs(hosts) do");
        lua.AppendLine("    wrk.headers[\"Host\"] = host");
        lua.Append("    requests[n] = wrk.format(\"GET\", \"").Append(path).AppendLine("\")");
        lua.AppendLine("  end");
        lua.AppendLine("end");
        lua.AppendLine("request = function()");
        lua.AppendLine("  i = i % #requests + 1");
        lua.AppendLine("  return requests[i]");
        lua.AppendLine("end");

        var file = Path.Combine(workDirectory, $"hosts-{Guid.NewGuid():N}.lua");
        File.WriteAllText(file, lua.ToString());
        return file;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
