using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Counts SQL commands EF Core runs in this process (every host), to show that a warm tenant
/// request reads nothing: the count over a round is the outbox poll, not one per request.
/// </summary>
public static class DatabaseCommands
{
    private static long _count;
    private static long _servingRequests;
    private static int _started;

    public static long Count => Interlocked.Read(ref _count);

    /// <summary>Commands run while serving an HTTP request: background jobs and a scenario's own seeding have none.</summary>
    public static long ServingRequests => Interlocked.Read(ref _servingRequests);

    public static void StartCounting()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new EventObserver(), name => name == RelationalEventId.CommandExecuted.Name);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            Interlocked.Increment(ref _count);
            // The event is raised on the command's own async flow, which carries the request's context, if any.
            if (new HttpContextAccessor().HttpContext is not null) Interlocked.Increment(ref _servingRequests);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
