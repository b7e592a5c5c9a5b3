using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PartnerPortal.Tenancy;

/// <summary>
/// How the tenant cache of every instance learns that tenants changed (DESIGN "Scale-out"). Keys
/// carry a generation: an eviction moves it on, so an entry cached before it, in this process or in
/// the shared second level, is never read again, and the old local entries are dropped too.
/// </summary>
public interface ITenantCacheBus
{
    /// <summary>The generation that cache keys carry now.</summary>
    long Generation { get; }

    /// <summary>Moves every instance to a new generation and drops this instance's tenant entries.</summary>
    ValueTask EvictEverywhereAsync(CancellationToken cancellationToken);
}

/// <summary>One instance (no <c>ConnectionStrings:Redis</c>): its own cache is the only one.</summary>
public sealed class LocalTenantCacheBus(HybridCache cache) : ITenantCacheBus
{
    public long Generation => 0;

    public ValueTask EvictEverywhereAsync(CancellationToken cancellationToken) => cache.RemoveByTagAsync(TenantStore.CacheTag, cancellationToken);
}

/// <summary>
/// Several instances on one Redis: the generation is a Redis counter, moved on with INCR and
/// announced on a pub/sub channel, which every instance hears within milliseconds. Should a message
/// be missed (a dropped connection), the counter is read again on reconnection, and entries expire
/// after <c>Tenancy:CacheDuration</c> in any case.
/// </summary>
public sealed partial class RedisTenantCacheBus : ITenantCacheBus
{
    private readonly HybridCache _cache;
    private readonly IDatabase _redis;
    private readonly RedisKey _counter;
    private readonly RedisChannel _channel;
    private readonly ILogger<RedisTenantCacheBus> _logger;
    private long _generation;

    public RedisTenantCacheBus(HybridCache cache, IConnectionMultiplexer redis, RedisPrefix prefix, ILogger<RedisTenantCacheBus> logger)
    {
        _cache = cache;
        _logger = logger;
        _redis = redis.GetDatabase();
        _counter = prefix.Value + "tenants:generation";
        _channel = RedisChannel.Literal(prefix.Value + "tenants:evicted");
        redis.GetSubscriber().Subscribe(_channel, (_, message) => Heard((long)message));
        redis.ConnectionRestored += (_, _) => Heard((long)_redis.StringGet(_counter));
        Heard((long)_redis.StringGet(_counter));
    }

    public long Generation => Interlocked.Read(ref _generation);

    public async ValueTask EvictEverywhereAsync(CancellationToken cancellationToken)
    {
        var next = await _redis.StringIncrementAsync(_counter);
        await _redis.PublishAsync(_channel, next);
        Heard(next);
    }

    private void Heard(long generation)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _generation);
            if (generation <= seen) return;
        }
        while (Interlocked.CompareExchange(ref _generation, generation, seen) != seen);

        // Older keys are unreachable now; dropping them frees their memory at once.
        _ = DropLocalAsync();
    }

    private async Task DropLocalAsync()
    {
        try
        {
            await _cache.RemoveByTagAsync(TenantStore.CacheTag);
        }
        catch (Exception exception)
        {
            LogDropFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping the local tenant cache after an eviction failed; its entries expire on their own.")]
    private static partial void LogDropFailed(ILogger logger, Exception exception);
}

/// <summary>What every key this deployment writes to Redis starts with (<c>Redis:InstanceName</c>), so deployments can share a server.</summary>
public sealed record RedisPrefix(string Value);
