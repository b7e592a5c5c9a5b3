using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Modularity;

/// <summary>
/// One setting of the platform itself (the operator's, for every organization): a module's
/// default per organization kind, a module's policy such as the consultant seat notice period.
/// Global because it has no organization; one table for all, so a new setting is a new key, not a
/// new global type. Keys are <c>{area}:{name}</c>, e.g. <c>module:Solutions:Client</c>.
/// </summary>
public class PlatformSetting : IGlobalEntity
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>Reads and writes <see cref="PlatformSetting"/>s; callers decide who may (platform admins) and audit.</summary>
public sealed class PlatformSettings(PortalDbContext db, TimeProvider time)
{
    /// <summary>Every setting whose key starts with <paramref name="prefix"/>, by key.</summary>
    public Task<Dictionary<string, string>> ReadAsync(string prefix, CancellationToken cancellationToken = default) =>
        db.Set<PlatformSetting>().AsNoTracking().Where(s => s.Key.StartsWith(prefix)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await db.Set<PlatformSetting>().AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Adds the change to the unit of work (the caller saves); null removes the setting, back to its default.</summary>
    public async Task SetAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<PlatformSetting>().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (value is null)
        {
            if (row is not null) db.Set<PlatformSetting>().Remove(row);
            return;
        }

        if (row is null) db.Set<PlatformSetting>().Add(row = new PlatformSetting { Key = key, Value = value });
        row.Value = value;
        row.ChangedAt = time.GetUtcNow().UtcDateTime;
    }
}
