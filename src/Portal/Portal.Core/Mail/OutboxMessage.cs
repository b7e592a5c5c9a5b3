using PartnerPortal.Data;

namespace PartnerPortal.Mail;

/// <summary>
/// A rendered e-mail waiting to be sent. It is written in the same transaction as the change that
/// caused it, and the dispatcher (not the request) sends it, so no mail is lost when SMTP is down.
/// Global: the dispatcher works for every organization.
/// </summary>
public class OutboxMessage : IGlobalEntity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? OrganizationId { get; set; }

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

    /// <summary>The dispatcher instance that holds the message until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }
}
