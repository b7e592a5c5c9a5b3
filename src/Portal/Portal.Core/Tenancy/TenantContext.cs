namespace PartnerPortal.Tenancy;

/// <summary>
/// The organization the current request or job acts for. Set once per request by the resolution
/// middleware; background jobs and tests use <see cref="Change"/> and dispose it to restore.
/// </summary>
public interface ITenantContext
{
    TenantInfo? Current { get; }

    IDisposable Change(TenantInfo? tenant);
}

public sealed class TenantContext : ITenantContext
{
    // An instance field, not a static: two hosts in one process keep their own tenants.
    private readonly AsyncLocal<TenantInfo?> _current = new();

    public TenantInfo? Current => _current.Value;

    public IDisposable Change(TenantInfo? tenant)
    {
        var previous = _current.Value;
        _current.Value = tenant;
        return new Restore(this, previous);
    }

    private sealed class Restore(TenantContext owner, TenantInfo? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            owner._current.Value = previous;
        }
    }
}
