using Microsoft.Extensions.Options;
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

        var brandName = organization?.Branding.ProductName ?? platform.PlatformName;
        var values = new Dictionary<string, string?>(model, StringComparer.Ordinal)
        {
            ["org_name"] = brandName,
            ["brand_color"] = organization?.Branding.PrimaryColor ?? "#1D4ED8",
            ["accent_color"] = organization?.Branding.AccentColor ?? "#0F766E",
            ["footer_text"] = organization?.Branding.FooterText ?? string.Empty,
            ["support_email"] = organization?.Branding.SupportEmail ?? string.Empty,
            ["support_url"] = organization?.Branding.SupportUrl ?? string.Empty,
            ["support_phone"] = organization?.Branding.SupportPhone ?? string.Empty,
            // Absolute, on the organization's own primary host: mail clients fetch it from there.
            ["logo_url"] = organization?.Branding.LogoVersion is { } logo ? urls.For(organization, $"/branding/logo?v={logo}") : string.Empty,
            ["home_url"] = organization is null ? urls.ForPlatform("/") : urls.For(organization, "/"),
            // A reseller's client never sees the platform's name (T4).
            ["powered_by"] = organization is { IsWhiteLabelled: true } ? string.Empty : platform.PlatformName,
        };
        var rendered = renderer.Render(organization?.Branding.Theme, template, values);

        // T7: the organization's own address once its domain is verified; until then the platform's
        // address under the organization's name, replies going to the organization.
        var orgAddress = organization?.Branding.MailFromAddress;
        var ownFrom = organization?.Branding.SenderDomainVerified == true && !string.IsNullOrEmpty(orgAddress);
        var fromAddress = ownFrom ? orgAddress! : technical;
        var fromName = organization is null ? platform.PlatformName : organization.Branding.MailFromName ?? brandName;
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
