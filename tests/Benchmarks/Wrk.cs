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
    /// <param name="P99">The 99th percentile of the latency, from wrk's <c>--latency</c> distribution.</param>
    public sealed record Result(double RequestsPerSecond, long Requests, long Errors, TimeSpan P99);

    /// <summary>The connections of one run (what the command line set), to split between several portals loaded at once.</summary>
    public int Connections => connections;

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

    /// <param name="cookie">A Cookie header sent with every request (a signed-in session), or null.</param>
    /// <param name="connectionsNow">Connections of this run when not <see cref="Connections"/> (several wrk processes at once share them).</param>
    public async Task<Result> RunAsync(Uri server, string path, IReadOnlyList<string> hosts, TimeSpan duration, string? cookie = null, int? connectionsNow = null)
    {
        var script = WriteScript(path, hosts, cookie);
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-t1", $"-c{connectionsNow ?? connections}", $"-d{seconds}s", "--timeout", "5s", "--latency", "-s", script, new Uri(server, path).ToString() })
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
        var p99 = Percentile99().Match(output);
        if (!rate.Success || !total.Success || !p99.Success) throw new InvalidOperationException($"Could not read wrk's output:{System.Environment.NewLine}{output}");

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
            errors,
            Latency(p99.Groups[1].Value, p99.Groups[2].Value));
    }

    private static TimeSpan Latency(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new InvalidOperationException($"wrk printed a latency in '{unit}'."),
        };
    }

    /// <summary>
    /// Precomputes one request per host, then hands them out round-robin: 10,000 hosts are 10,000
    /// prepared strings, so the Lua side costs the same per request for 10 hosts as for 10,000.
    /// </summary>
    private string WriteScript(string path, IReadOnlyList<string> hosts, string? cookie)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local hosts = {");
        foreach (var host in hosts) lua.Append("  \"").Append(host).AppendLine("\",");
        lua.AppendLine("}");
        lua.AppendLine("local requests = {}");
        lua.AppendLine("local i = 0");
        lua.AppendLine("init = function(args)");
        if (cookie is not null) lua.Append("  wrk.headers[\"Cookie\"] = \"").Append(cookie).AppendLine("\"");
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

    // "Latency Distribution" lines: "     99%   12.34ms".
    [GeneratedRegex(@"^\s+99%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
