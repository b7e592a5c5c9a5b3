using System.ComponentModel.DataAnnotations;
using MimeKit;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Mail;

/// <summary>
/// What the portal accepts as an e-mail address: exactly one plain mailbox (<c>local@domain</c>)
/// as MimeKit, the library that sends it, parses it. <c>victim@example.test;x</c>, a display-name
/// form, a list, a CR/LF or an IP-literal domain is not an address the outbox could ever deliver,
/// so it is refused at the form rather than retried for ever.
/// </summary>
public static class DeliverableAddress
{
    private static readonly ParserOptions Strict = new() { AddressParserComplianceMode = RfcComplianceMode.Strict, AllowAddressesWithoutDomain = false };

    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Any(char.IsControl)) return false;
        var text = value.Trim();
        if (!MailboxAddress.TryParse(Strict, text, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0) return false;
        // The parser accepts "Name <a@b>" and comments around the address: only the bare address itself is one.
        if (!string.Equals(mailbox.Address, text, StringComparison.Ordinal)) return false;
        var at = text.LastIndexOf('@');
        return at > 0 && HostName.TryNormalize(text[(at + 1)..], out _);
    }
}

/// <summary>An e-mail address field: one plain address, parsed as MimeKit will send it (see <see cref="DeliverableAddress"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class DeliverableAddressAttribute() : DataTypeAttribute(DataType.EmailAddress)
{
    public override bool IsValid(object? value) => value is null || (value is string text && DeliverableAddress.IsValid(text));

    public override string FormatErrorMessage(string name) => ErrorMessage ?? "Enter a valid e-mail address.";
}
