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

    /// <summary>
    /// aiosmtpd's Maildir handler, except for recipients whose local part starts with
    /// <c>defer451</c> (answered 451, try later) or <c>reject550</c> (550, no such user): how a real server
    /// refuses for now and for good.
    /// </summary>
    private const string AnsweringHandler = """
        from aiosmtpd.handlers import Mailbox

        class AnsweringMailbox(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                local = address.split('@')[0].lower()
                if local.startswith('defer451'):
                    return '451 4.3.2 Mailbox busy, try again later'
                if local.startswith('reject550'):
                    return '550 5.1.1 No such user here'
                envelope.rcpt_tos.append(address)
                return '250 OK'
        """;

    public void Start()
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: install Debian's python3-aiosmtpd (./test.sh does).");
        var handlerFolder = Path.GetDirectoryName(Maildir)!;
        File.WriteAllText(Path.Combine(handlerFolder, "answering_mailbox.py"), AnsweringHandler);
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "answering_mailbox.AnsweringMailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = handlerFolder;
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");

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

    /// <summary>With more settings (e.g. <c>Mail:MaxAttempts</c>) on top of the SMTP server's.</summary>
    protected MailingPortalFactory(IDictionary<string, string?> settings) : this(SmtpServer.StartNew(), settings)
    {
    }

    private MailingPortalFactory(SmtpServer smtp, IDictionary<string, string?>? settings = null) : base(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
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
