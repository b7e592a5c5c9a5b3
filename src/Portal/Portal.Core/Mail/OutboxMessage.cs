using PartnerPortal.Data;

namespace PartnerPortal.Mail;

/// <summary>
/// A rendered e-mail waiting to be sent. It is written in the same transaction as the change that
/// caused it, and the dispatcher (not the request) sends it, so no mail is lost when SMTP is down.
/// Owned by the organization it is sent for (its branding, its DKIM key), or by the platform itself
/// for the platform's own mail; the dispatcher sends every organization's.
/// </summary>
public class OutboxMessage : IMayBelongToPlatform
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organization the message is sent for, or <see cref="IMayBelongToPlatform.Platform"/> for the platform's own mail.</summary>
    public Guid TenantId { get; set; }

    public required string Template { get; set; }

    public required string ToAddress { get; set; }

    public string? ToName { get; set; }

    public required string FromAddress { get; set; }

    public string? FromName { get; set; }

    public string? ReplyToAddress { get; set; }

    public string? SenderAddress { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime DueAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>
    /// When the dispatcher gave up: the server refused the message for good (SMTP 5xx, an address
    /// no server takes) or it failed <see cref="MailOptions.MaxAttempts"/> times. The organization's
    /// owners see it as undelivered and can send it again.
    /// </summary>
    public DateTime? DeadAt { get; set; }

    /// <summary>The dispatcher instance that holds the message until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }
}
