using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.E2E.Hosting;

/// <summary>
/// Records every log entry of level Error or above written by the portal under test, so a
/// journey fails when the server logged an error even though the page looked right.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    /// <summary>Throws, listing every recorded entry, when anything logged an error.</summary>
    public void AssertNone()
    {
        var entries = Entries;
        if (entries.Count == 0) return;
        throw new Xunit.Sdk.XunitException(
            $"The portal logged {entries.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, entries)}");
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            entries.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
        }
    }
}
