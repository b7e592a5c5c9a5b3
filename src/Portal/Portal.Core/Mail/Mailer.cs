using Microsoft.Extensions.Options;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

public sealed record MailRecipient(string Address, string? Name = null);

/// <summary>Queues branded e-mail. Nothing is sent until the caller's SaveChanges commits it.</summary>
public interface IMailer
{
    /// <summary>
    /// Renders <paramref name="template"/> in the organization's theme (the current tenant unless
    /// named) and adds it to the outbox of the current unit of work.
    /// </summary>
    OutboxMessage Queue(string template, IReadOnlyDictionary<string, string?> model, MailRecipient to, TenantInfo? organization = null);
}

public sealed class Mailer(
    PortalDbContext db,
    EmailRenderer renderer,
    ITenantContext tenants,
    TenantUrls urls,
    TimeProvider time,
    IOptions<MailOptions> mail,
    IOptions<PortalOptions> portal) : IMailer
{
    public OutboxMessage Queue(string template, IReadOnlyDictionary<string, string?> model, MailRecipient to, TenantInfo? organization = null)
    {
        organization ??= tenants.Current;
        var platform = portal.Value;
        var technical = mail.Value.FromAddress;

        // Colours, names, theme and defaults all come from the one brand; nothing is restated here.
        var brand = organization?.Branding ?? Brand.ForPlatform(platform.PlatformName);
        var values = new Dictionary<string, string?>(model, StringComparer.Ordinal);
        foreach (var (key, value) in brand.TemplateValues()) values[key] = value;
        // Absolute, on the organization's own primary host: mail clients fetch it from there.
        values["logo_url"] = organization is not null && brand.LogoPath is { } logo ? urls.For(organization, logo) : string.Empty;
        values["home_url"] = organization is null ? urls.ForPlatform("/") : urls.For(organization, "/");
        // A reseller's client never sees the platform's name (T4).
        values["powered_by"] = organization is { IsWhiteLabelled: true } ? string.Empty : platform.PlatformName;
        var rendered = renderer.Render(brand.Theme, template, values);

        // T7: the organization's own address once its domain is verified; until then the platform's
        // address under the organization's name, replies going to the organization.
        var orgAddress = brand.MailFromAddress;
        var ownFrom = brand.SenderDomainVerified && !string.IsNullOrEmpty(orgAddress);
        var fromAddress = ownFrom ? orgAddress! : technical;
        var fromName = brand.SenderName;
        var replyTo = ownFrom ? null : orgAddress;
        var sender = string.Equals(fromAddress, technical, StringComparison.OrdinalIgnoreCase) ? null : technical;

        HeaderValues.EnsureSingleLine(to.Address, to.Name, fromAddress, fromName, replyTo, sender, rendered.Subject);

        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            // Whose message it is: saving it checks that this is the current tenant (or, with none, the platform).
            TenantId = organization?.Id ?? IMayBelongToPlatform.Platform,
            Template = template,
            ToAddress = to.Address,
            ToName = to.Name,
            FromAddress = fromAddress,
            FromName = fromName,
            ReplyToAddress = replyTo,
            SenderAddress = sender,
            Subject = rendered.Subject,
            HtmlBody = rendered.Html,
            TextBody = rendered.Text,
            CreatedAt = now,
            DueAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }
}

/// <summary>Header injection guard: no CR or LF in any header value.</summary>
public static class HeaderValues
{
    public static void EnsureSingleLine(params string?[] values)
    {
        foreach (var value in values)
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException("A mail header value contains a line break.");
            }
        }
    }
}
