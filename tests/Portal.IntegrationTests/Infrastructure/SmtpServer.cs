using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd writing every message it receives into a Maildir.
/// Can be started late (or stopped) to test what happens while the mail server is down.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    public SmtpServer()
    {
        Port = FreePort();
        // aiosmtpd makes the Maildir (tmp/, new/, cur/) only when the folder does not exist yet.
        Maildir = Path.Combine(Directory.CreateTempSubdirectory("smtp-").FullName, "maildir");
    }

    public int Port { get; }

    /// <summary>Says what the outbox knows of a message that did not arrive (its attempts and last error).</summary>
    public Func<string, string>? DiagnoseOutbox { get; set; }

    public string Maildir { get; }

    public static SmtpServer StartNew()
    {
        var server = new SmtpServer();
        server.Start();
        return server;
    }

    public void Start()
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: install Debian's python3-aiosmtpd (./test.sh does).");
        _process = Process.Start(new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start.");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited: {_process.StandardError.ReadToEnd()} (install Debian's python3-aiosmtpd)");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("aiosmtpd did not open its port within 15 s.");
    }

    public void Stop() => ServerProcess.Stop(ref _process);

    public IReadOnlyList<MimeMessage> Messages() => MessageFiles().Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>The received messages as the server stored them, byte for byte (e.g. for a DKIM verifier).</summary>
    public IReadOnlyList<string> MessageFiles() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).OrderBy(File.GetLastWriteTimeUtc).ToList();

    /// <summary>The stored file of the received message with <paramref name="messageId"/>.</summary>
    public string FileOf(string messageId) =>
        MessageFiles().First(f => MimeMessage.Load(f).MessageId == messageId);

    /// <summary>Waits until a message to <paramref name="to"/> (and matching the filter) has arrived.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to, Func<MimeMessage, bool>? filter = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var found = Messages().FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (filter?.Invoke(m) ?? true));
            if (found is not null) return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"No message to {to} arrived at the SMTP server. Received: {string.Join(", ", Messages().Select(m => m.To + " " + m.Subject))}. {DiagnoseOutbox?.Invoke(to)}");
    }

    /// <summary>A loopback port nothing listens on now (the helper servers' ports).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A portal host whose mail goes to its own real SMTP server.</summary>
public class MailingPortalFactory : PortalFactory
{
    public MailingPortalFactory() : this(SmtpServer.StartNew())
    {
    }

    private MailingPortalFactory(SmtpServer smtp) : base(new Dictionary<string, string?>
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
    })
    {
        Smtp = smtp;
        smtp.DiagnoseOutbox = new TestWorld(this).DescribeOutbox;
    }

    public SmtpServer Smtp { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
