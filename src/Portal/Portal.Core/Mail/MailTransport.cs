using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>Where dispatched messages go: an SMTP server, or .eml files when none is configured.</summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>One SMTP connection per dispatcher, kept open between messages and reopened after a failure.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private SmtpClient? _client;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var client = await ConnectedClientAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true }) return _client;

        await DropAsync();
        var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), _smtp.Port, Enum.Parse<SecureSocketOptions>(_smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.UserName))
        {
            await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? string.Empty, cancellationToken);
        }

        return _client = client;
    }

    private async Task DropAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true);
        }
        catch (Exception)
        {
            // The connection is already broken; there is nothing left to close cleanly.
        }

        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}

/// <summary>The embedded default: each message becomes an .eml file a person can open.</summary>
public sealed class PickupFolderMailTransport(IOptions<PortalOptions> portal, Microsoft.Extensions.Hosting.IHostEnvironment environment) : IMailTransport
{
    public string Folder { get; } = Path.Combine(Path.GetFullPath(portal.Value.DataDirectory, environment.ContentRootPath), "mail");

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
        // Written aside, then renamed: whoever watches the folder never opens half a message.
        var path = Path.Combine(Folder, name);
        await message.WriteToAsync(path + ".tmp", cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The one transport (SMTP connection) this instance's dispatcher reuses from run to run: each
/// run of the <c>mail-outbox</c> job has a scope of its own, the connection does not. Runs take
/// turns on it, since an SMTP session sends one message at a time.
/// </summary>
public sealed class SharedMailTransport(Func<IMailTransport> create) : IAsyncDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private IMailTransport? _transport;

    public async Task<T> UseAsync<T>(Func<IMailTransport, Task<T>> work, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await work(_transport ??= create());
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transport is not null) await _transport.DisposeAsync();
        _turn.Dispose();
    }
}
