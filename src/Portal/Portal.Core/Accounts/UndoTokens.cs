using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PartnerPortal.Accounts;

/// <summary>
/// The "Undo" beside a message: what an action removed, sealed with data protection (keys in the
/// database, so any instance opens it), bound to one purpose and one organization, and good for
/// <see cref="Lifetime"/>. The page carries the token; nothing is stored, and a forged or stale
/// token opens nothing.
/// </summary>
public sealed class UndoTokens(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly IDataProtector _protector = protection.CreateProtector("PartnerPortal.Undo.v1");

    private sealed record Envelope<T>(string Purpose, Guid TenantId, DateTimeOffset ExpiresAt, T State);

    public string Seal<T>(string purpose, Guid tenantId, T state) =>
        _protector.Protect(JsonSerializer.Serialize(new Envelope<T>(purpose, tenantId, time.GetUtcNow() + Lifetime, state)));

    /// <summary>The sealed state, or default when the token is not for this purpose and organization, was altered or has expired.</summary>
    public T? Open<T>(string? token, string purpose, Guid tenantId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4000) return default;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope<T>>(_protector.Unprotect(token));
            return envelope is not null && envelope.Purpose == purpose && envelope.TenantId == tenantId && envelope.ExpiresAt > time.GetUtcNow() ? envelope.State : default;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return default;
        }
    }
}
