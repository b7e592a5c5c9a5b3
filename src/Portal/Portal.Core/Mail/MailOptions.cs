namespace PartnerPortal.Mail;

/// <summary>The "Mail" configuration section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The platform's technical sending address: From until an organization's domain is verified, Sender always (T7).</summary>
    public string FromAddress { get; set; } = "no-reply@portal.localhost";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>What organizations add to their SPF record (<c>include:</c> this) so the platform's servers may send for them; null shows general advice.</summary>
    public string? SpfInclude { get; set; }

    /// <summary>How often the <c>mail-outbox</c> job looks for due messages; zero turns it off (mail then waits in the outbox).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher holds a claimed message before another instance may take it.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How many failed attempts (SMTP 4xx, the server down) a message gets before it is
    /// dead-lettered; the default is what the backoff fits into two days.
    /// </summary>
    public int MaxAttempts { get; set; } = OutboxDispatcher.AttemptsWithin(TimeSpan.FromDays(2));
}

public sealed class SmtpOptions
{
    /// <summary>Unset: messages are written as .eml files under the data folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>Auto</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
