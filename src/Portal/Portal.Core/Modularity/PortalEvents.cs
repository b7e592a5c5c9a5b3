using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Modularity;

/// <summary>
/// Something other modules may react to: what a user did (the partner program counts it as
/// qualifying activity, P3), or a change of the kernel's own facts (<see cref="KernelEvents"/>).
/// </summary>
/// <param name="OrganizationId">The organization the change happened in, or <see cref="KernelEvents.Platform"/> for the platform's own.</param>
/// <param name="UserId">Who made it (the reseller user while impersonating), or null for background work.</param>
/// <param name="Kind">What happened, as <c>{module}.{what}</c>, e.g. <c>solutions.published</c>.</param>
/// <param name="At">When, from the caller's <see cref="TimeProvider"/>.</param>
/// <param name="PartnerId">
/// The partner organization the activity is credited to when that is not the acting user's own
/// partner (e.g. the publisher of a listing a client installed); null otherwise.
/// </param>
public sealed record PortalEvent(Guid OrganizationId, Guid? UserId, string Kind, DateTime At, Guid? PartnerId = null);

/// <summary>
/// The kernel's in-process event channel: a module raises events without knowing who listens,
/// and another module reacts through <see cref="IPortalEventHandler"/> without reading the
/// raising module's tables. Handlers run in the caller's scope, after the caller's change is saved.
/// </summary>
public interface IPortalEvents
{
    Task PublishAsync(PortalEvent portalEvent, CancellationToken cancellationToken = default);
}

/// <summary>A module's reaction to kernel events; register it with <c>services.AddScoped&lt;IPortalEventHandler, …&gt;()</c>.</summary>
public interface IPortalEventHandler
{
    Task HandleAsync(PortalEvent portalEvent, CancellationToken cancellationToken);
}

public sealed partial class PortalEvents(IServiceProvider services, ILogger<PortalEvents> logger) : IPortalEvents
{
    public async Task PublishAsync(PortalEvent portalEvent, CancellationToken cancellationToken = default)
    {
        foreach (var handler in services.GetServices<IPortalEventHandler>())
        {
            try
            {
                await handler.HandleAsync(portalEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change that raised the event is already saved: a failing listener must not undo it for the user.
                LogHandlerFailed(logger, handler.GetType().Name, portalEvent.Kind, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event handler {Handler} failed on {Kind}.")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, string kind, Exception exception);
}
