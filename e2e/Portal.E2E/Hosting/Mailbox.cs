using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace PartnerPortal.E2E.Hosting;

/// <summary>A real SMTP server for a journey: Debian's aiosmtpd storing what it receives in a Maildir.</summary>
public sealed class Mailbox : IDisposable
{
    private readonly Process _process;
    private readonly string _folder = Directory.CreateTempSubdirectory("e2e-smtp-").FullName;

    public Mailbox()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start (install Debian's python3-aiosmtpd).");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; Thread.Sleep(100))
        {
            if (_process.HasExited) throw new InvalidOperationException($"aiosmtpd exited: {_process.StandardError.ReadToEnd()}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    public int Port { get; }

    private string Maildir => Path.Combine(_folder, "maildir");

    public Task<MimeMessage> WaitForAsync(string to, TimeSpan timeout) => WaitForAsync(to, _ => true, timeout);

    /// <summary>The first message to <paramref name="to"/> that <paramref name="matches"/>: for a recipient who gets more than one.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool> matches, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var files = new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles);
            foreach (var file in files)
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && matches(message)) return message;
            }
        }

        throw new TimeoutException($"No (matching) message to {to} reached the SMTP server.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
