using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace PartnerPortal.ConsultantSeats;

/// <summary>Random tokens for links, and the hash of one that is kept instead of the token (the kernel's, as its invitations keep).</summary>
internal static class Tokens
{
    /// <summary>256 random bits, URL-safe.</summary>
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>128 random bits, URL-safe: a code that is shared openly but cannot be guessed.</summary>
    public static string NewCode() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string token) => PartnerPortal.Accounts.Invitations.Hash(token);
}
