using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>What one batch of the dispatcher did.</summary>
/// <param name="Due">How many due messages it found (at most <see cref="MailOptions.BatchSize"/>).</param>
/// <param name="Sent">How many of them it sent.</param>
/// <param name="Failed">Whether a send failed (the server is likely down).</param>
public sealed record OutboxBatch(int Due, int Sent, bool Failed);

/// <summary>
/// Sends the outbox (job <c>mail-outbox</c>, every <see cref="MailOptions.PollInterval"/>). A
/// message is claimed with a conditional update before it is sent, so two dispatchers never send
/// the same message; a failed send is retried with backoff, and a message the server refuses for good
/// (5xx) or that failed <see cref="MailOptions.MaxAttempts"/> times is dead-lettered, never dropped:
/// its organization's owners see it and can send it again. The SMTP connection
/// outlives the run: <see cref="SharedMailTransport"/> keeps it open between runs.
/// </summary>
public sealed partial class OutboxDispatcher(
    PortalDbContext db,
    DkimSigning signing,
    SharedMailTransport transport,
    TimeProvider time,
    IOptions<MailOptions> options,
    IOptions<PortalOptions> portal,
    ILogger<OutboxDispatcher> logger) : IPortalJob
{
    public const string JobName = "mail-outbox";

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
    ];

    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static TimeSpan RetryDelay(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    /// <summary>How many attempts the backoff schedule makes within <paramref name="span"/> of the first.</summary>
    public static int AttemptsWithin(TimeSpan span)
    {
        var attempts = 1;
        for (var waited = TimeSpan.Zero; waited + RetryDelay(attempts) <= span; attempts++) waited += RetryDelay(attempts);
        return attempts;
    }

    /// <summary>
    /// A failure that no retry can fix: the server answered 5xx (no such mailbox, refused), or the
    /// message cannot even be written (an address MimeKit cannot parse, a header with CR/LF).
    /// SMTP 4xx, timeouts and refused connections are temporary and retried.
    /// </summary>
    public static bool IsPermanent(Exception ex) => ex switch
    {
        MailKit.Net.Smtp.SmtpCommandException command => (int)command.StatusCode >= 500,
        ParseException or FormatException or ArgumentException => true,
        _ => false,
    };

    /// <summary>
    /// Sends batch after batch while full batches are due, so a burst goes out in one run; stops
    /// after a failed send and leaves the rest for the next run. Returns how many messages it sent.
    /// </summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        transport.UseAsync(async connection =>
        {
            var sent = 0;
            OutboxBatch batch;
            do
            {
                batch = await DispatchDueAsync(connection, cancellationToken);
                sent += batch.Sent;
            }
            while (!batch.Failed && batch.Due == options.Value.BatchSize);

            return sent;
        }, cancellationToken);

    /// <summary>Claims and sends one batch of due messages through <paramref name="connection"/>.</summary>
    public async Task<OutboxBatch> DispatchDueAsync(IMailTransport connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Every organization's mail and the platform's own: the dispatcher is the one reader of all outboxes.
        var due = await db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.SentAt == null && m.DeadAt == null && m.DueAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            var claimedUntil = now + options.Value.ClaimDuration;
            var claimed = await db.Outbox.IgnoreQueryFilters(["Tenant"])
                .Where(m => m.Id == id && m.SentAt == null && m.DeadAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, _instance).SetProperty(m => m.ClaimedUntil, claimedUntil), cancellationToken);
            if (claimed != 1) continue; // another instance took it

            var message = await db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            try
            {
                var mime = ToMime(message);
                await TrySignAsync(mime, message, cancellationToken);
                await connection.SendAsync(mime, cancellationToken);
                var sentAt = time.GetUtcNow().UtcDateTime;
                await db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.ClaimedUntil, (DateTime?)null).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    CancellationToken.None);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var failedAt = time.GetUtcNow().UtcDateTime;
                var permanent = IsPermanent(ex);
                DateTime? deadAt = permanent || attempts >= options.Value.MaxAttempts ? failedAt : null;
                var retryAt = failedAt + RetryDelay(attempts);
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                await db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.DueAt, retryAt).SetProperty(m => m.DeadAt, deadAt)
                          .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    CancellationToken.None);
                if (deadAt is not null)
                {
                    LogDeadLettered(logger, id, message.TenantId, attempts, ex.Message);
                    // The server answered: it is up, so the rest of the batch goes on.
                    if (permanent) continue;
                }
                else
                {
                    LogSendFailed(logger, id, attempts, retryAt, ex.Message);
                }

                return new OutboxBatch(due.Count, sent, Failed: true); // the server is likely down: leave the rest for the next run
            }
        }

        return new OutboxBatch(due.Count, sent, Failed: false);
    }

    /// <summary>
    /// DKIM-signs the message for its organization's verified domain (T8). A key that cannot be
    /// read is the operator's problem, not the recipient's: the message goes out unsigned, with a warning.
    /// </summary>
    private async Task TrySignAsync(MimeMessage mime, OutboxMessage message, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of organization {OrganizationId} is undelivered after {Attempts} attempt(s) and waits for its owners to send it again: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, Guid messageId, Guid organizationId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of organization {OrganizationId} goes out without a DKIM signature: its key could not be read.")]
    private static partial void LogSigningFailed(ILogger logger, Guid messageId, Guid organizationId, Exception exception);
}
