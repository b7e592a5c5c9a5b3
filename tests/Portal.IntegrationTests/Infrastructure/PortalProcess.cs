using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The built portal (<c>PartnerPortal.Web.dll</c>) as an operating-system process of its own, on a
/// test factory's settings (the same database, Redis and SMTP server): the one way to kill an
/// instance in the middle of its work, with SIGKILL, as a crashed machine would, rather than stop it;
/// and the portal started as a person starts it, for the first-request timings of the e2e suite
/// (which compiles this file in).
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private PortalProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Where it listens (a loopback address on a free port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What the process printed (its log), for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    /// <summary>Starts the portal with <paramref name="settings"/> (as environment variables) and waits until it listens.</summary>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string environment = "Testing")
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Portal", "Portal.Web");
        // The configuration the tests were built in (test.sh builds Release).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "PartnerPortal.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the solution first: {dll} is missing.");

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;

        var process = new Process { StartInfo = start };
        var portal = new PortalProcess(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (portal._output) portal._output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            portal.Address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            await portal.DisposeAsync();
            throw new InvalidOperationException($"The portal process did not start listening:{Environment.NewLine}{portal.Output}");
        }

        return portal;
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, no last write; an open transaction dies with the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No PartnerPortal.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
