using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A real Redis: the suite's (<c>PORTAL_TEST_REDIS</c>, started by test.sh) or, without it, Debian's
/// redis-server started here on a free port, in memory only, and ended with the fixture.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public RedisServer()
    {
        if (TestDatabases.Redis is { } shared)
        {
            Configuration = shared;
            return;
        }

        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is missing: install Debian's redis-server (./test.sh does).");
        var port = SmtpServer.FreePort();
        _process = Process.Start(new ProcessStartInfo(executable, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Answers(port))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException($"redis-server did not listen on port {port}.");
            Thread.Sleep(50);
        }

        Configuration = $"127.0.0.1:{port}" + TestDatabases.RedisTimeouts;
    }

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,options</c>).</summary>
    public string Configuration { get; }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => ServerProcess.Stop(ref _process);
}
