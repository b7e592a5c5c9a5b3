using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A real DNS server on loopback: Debian's dnsmasq, authoritative for <c>.test</c> (unknown names
/// get NXDOMAIN), serving the CNAME, TXT and address records a test publishes. dnsmasq reads CNAME
/// and TXT records only at start, so every change restarts it on the same port and waits until the
/// new records answer.
/// </summary>
public sealed class DnsServer : IDisposable
{
    private const string Dnsmasq = "/usr/sbin/dnsmasq";
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _cnames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string[]>> _txts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _folder = Directory.CreateTempSubdirectory("dns-").FullName;
    private readonly StringBuilder _log = new();
    private Process? _process;
    private int _generation;

    private DnsServer() => Port = FreePort();

    public int Port { get; }

    /// <summary>The value for <c>Tenancy:DnsServer</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static DnsServer StartNew(params (string Name, string Address)[] addresses)
    {
        var server = new DnsServer();
        foreach (var (name, address) in addresses) server._addresses[name] = address;
        server.Apply();
        return server;
    }

    /// <summary>Publishes <c>name CNAME target</c> (replacing any CNAME of that name).</summary>
    public DnsServer SetCname(string name, string target)
    {
        lock (_gate) _cnames[name] = target;
        return this;
    }

    /// <summary>Publishes one TXT record at <paramref name="name"/> made of <paramref name="strings"/>, replacing the others there.</summary>
    public DnsServer SetTxt(string name, params string[] strings)
    {
        lock (_gate) _txts[name] = [strings];
        return this;
    }

    public DnsServer Remove(string name)
    {
        lock (_gate)
        {
            _cnames.Remove(name);
            _txts.Remove(name);
            _addresses.Remove(name);
        }

        return this;
    }

    public DnsServer SetAddress(string name, string address)
    {
        lock (_gate) _addresses[name] = address;
        return this;
    }

    /// <summary>Restarts dnsmasq with the records as they are now and waits until it serves them.</summary>
    public void Apply()
    {
        lock (_gate)
        {
            Stop();
            _generation++;
            var config = Path.Combine(_folder, "dnsmasq.conf");
            File.WriteAllText(config, Config());
            if (!File.Exists(Dnsmasq)) throw new InvalidOperationException($"{Dnsmasq} is missing: install Debian's dnsmasq (./test.sh does).");
            var start = new ProcessStartInfo(Dnsmasq, ["--keep-in-foreground", "--log-facility=-", $"--conf-file={config}"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            _process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start.");
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            WaitUntilServing();
        }
    }

    private string Config()
    {
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"port={Port}")
            .AppendLine("listen-address=127.0.0.1")
            .AppendLine("bind-interfaces")
            .AppendLine("no-resolv")
            .AppendLine("no-hosts")
            .AppendLine("pid-file=") // none: parallel test servers must not share /run/dnsmasq.pid
            .AppendLine("no-negcache")
            .AppendLine("local=/test/")
            .AppendLine(CultureInfo.InvariantCulture, $"txt-record=generation.dns-fixture.test,\"{_generation}\"");
        // dnsmasq answers a CNAME only when it knows the target: give unknown targets an address.
        var addresses = new Dictionary<string, string>(_addresses, StringComparer.OrdinalIgnoreCase);
        foreach (var target in _cnames.Values.Where(t => !_cnames.ContainsKey(t))) addresses.TryAdd(target, "127.0.0.2");
        foreach (var (name, address) in addresses) config.AppendLine(CultureInfo.InvariantCulture, $"host-record={name},{address}");
        foreach (var (name, target) in _cnames) config.AppendLine(CultureInfo.InvariantCulture, $"cname={name},{target}");
        foreach (var (name, records) in _txts)
        {
            foreach (var strings in records)
            {
                config.AppendLine(CultureInfo.InvariantCulture, $"txt-record={name},{string.Join(",", strings.Select(s => $"\"{s}\""))}");
            }
        }

        return config.ToString();
    }

    private void WaitUntilServing()
    {
        var lookup = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port))
        {
            UseCache = false,
            Timeout = TimeSpan.FromMilliseconds(300),
            Retries = 0,
            ThrowDnsErrors = false,
        });
        var expected = _generation.ToString(CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output into the log
                throw new InvalidOperationException($"dnsmasq exited with {_process.ExitCode} on port {Port}: {Log}");
            }
            try
            {
                var answer = lookup.Query("generation.dns-fixture.test", QueryType.TXT);
                if (answer.Answers.TxtRecords().Any(t => t.Text.Contains(expected))) return;
            }
            catch (DnsResponseException)
            {
                // Not listening yet.
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"dnsmasq did not serve its records within 15 s. {Log}");
    }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private void Stop() => ServerProcess.Stop(ref _process);

    /// <summary>A port free for both UDP and TCP on loopback (dnsmasq serves both).</summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP; try another.
            }
        }

        throw new InvalidOperationException("No free loopback port for dnsmasq.");
    }

    public void Dispose()
    {
        lock (_gate) Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A portal host that verifies domains against its own real DNS server (nothing is trusted
/// without DNS) and sends mail to its own real SMTP server.
/// </summary>
public class DnsPortalFactory : PortalFactory
{
    public DnsPortalFactory() : this(new Dictionary<string, string?>())
    {
    }

    protected DnsPortalFactory(IDictionary<string, string?> settings) : this(DnsServer.StartNew((PlatformDomain, "127.0.0.1")), SmtpServer.StartNew(), settings)
    {
    }

    private DnsPortalFactory(DnsServer dns, SmtpServer smtp, IDictionary<string, string?> settings) : base(new Dictionary<string, string?>(settings)
    {
        ["Tenancy:DnsServer"] = dns.Endpoint,
        ["Tenancy:TrustLocalDomains"] = "false",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
    })
    {
        Dns = dns;
        Smtp = smtp;
        smtp.DiagnoseOutbox = new TestWorld(this).DescribeOutbox;
    }

    public DnsServer Dns { get; }

    public SmtpServer Smtp { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Dns.Dispose();
            Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
