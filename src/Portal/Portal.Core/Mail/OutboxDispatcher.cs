using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>
/// Sends the outbox. A message is claimed with a conditional update before it is sent, so two
/// instances never send the same message; a failed send is retried with backoff and never dropped.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    Func<IMailTransport> transportFactory,
    TimeProvider time,
    IOptions<MailOptions> options,
    IOptions<PortalOptions> portal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
    ];

    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static TimeSpan RetryDelay(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var transport = transportFactory();
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchDueAsync(transport, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and sends due messages once; returns how many it handled.</summary>
    public async Task<int> DispatchDueAsync(IMailTransport transport, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var signing = scope.ServiceProvider.GetRequiredService<DkimSigning>();
        var now = time.GetUtcNow().UtcDateTime;
        // Every organization's mail and the platform's own: the dispatcher is the one reader of all outboxes.
        var due = await db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.SentAt == null && m.DueAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var handled = 0;
        foreach (var id in due)
        {
            var claimedUntil = now + options.Value.ClaimDuration;
            var claimed = await db.Outbox.IgnoreQueryFilters(["Tenant"])
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, _instance).SetProperty(m => m.ClaimedUntil, claimedUntil), cancellationToken);
            if (claimed != 1) continue; // another instance took it

            var message = await db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            handled++;
            try
            {
                var mime = ToMime(message);
                await TrySignAsync(signing, db, mime, message, cancellationToken);
                await transport.SendAsync(mime, cancellationToken);
                var sentAt = time.GetUtcNow().UtcDateTime;
                await db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.ClaimedUntil, (DateTime?)null).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var retryAt = time.GetUtcNow().UtcDateTime + RetryDelay(attempts);
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                await db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.DueAt, retryAt)
                          .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    CancellationToken.None);
                LogSendFailed(logger, id, attempts, retryAt, ex.Message);
                break; // the server is likely down: leave the rest of the batch for the next round
            }
        }

        return handled;
    }

    /// <summary>
    /// DKIM-signs the message for its organization's verified domain (T8). A key that cannot be
    /// read is the operator's problem, not the recipient's: the message goes out unsigned, with a warning.
    /// </summary>
    private async Task TrySignAsync(DkimSigning signing, PortalDbContext db, MimeMessage mime, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await signing.SignAsync(db, mime, message, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or InvalidOperationException or IOException)
        {
            LogSigningFailed(logger, message.Id, message.TenantId, ex);
        }
    }

    public MimeMessage ToMime(OutboxMessage message)
    {
        HeaderValues.EnsureSingleLine(message.ToAddress, message.ToName, message.FromAddress, message.FromName, message.ReplyToAddress, message.SenderAddress, message.Subject);
        var mime = new MimeMessage
        {
            MessageId = $"{message.Id:N}@{portal.Value.PlatformDomain}",
            Subject = message.Subject,
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
        };
        mime.From.Add(new MailboxAddress(message.FromName ?? string.Empty, message.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));
        if (message.ReplyToAddress is not null) mime.ReplyTo.Add(new MailboxAddress(message.FromName ?? string.Empty, message.ReplyToAddress));
        if (message.SenderAddress is not null) mime.Sender = new MailboxAddress(string.Empty, message.SenderAddress);

        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox message {MessageId} failed (attempt {Attempts}); retrying at {RetryAt:o}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, int attempts, DateTime retryAt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of organization {OrganizationId} goes out without a DKIM signature: its key could not be read.")]
    private static partial void LogSigningFailed(ILogger logger, Guid messageId, Guid organizationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox dispatcher could not read the outbox; it will try again.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
