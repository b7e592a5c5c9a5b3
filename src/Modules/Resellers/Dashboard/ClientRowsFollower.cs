using PartnerPortal.Modularity;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// Keeps the dashboard's <see cref="ClientRow"/>s in step with the kernel's facts they copy: the
/// kernel raises an event after every change of an organization, a link, a subscription or a plan,
/// and after a member's activity is stamped, including changes written with <c>ExecuteUpdate</c>.
/// Runs in the caller's scope, so the refresh joins the caller's transaction where it has one.
/// </summary>
public sealed class ClientRowsFollower(ClientRows rows) : IPortalEventHandler
{
    public Task HandleAsync(PortalEvent portalEvent, CancellationToken cancellationToken) => portalEvent.Kind switch
    {
        KernelEvents.OrganizationChanged or KernelEvents.PartnerLinkChanged or KernelEvents.SubscriptionChanged
            => rows.RefreshAsync([portalEvent.OrganizationId], cancellationToken),
        // A plan's price, order or default status changes the sort keys of every client on it.
        KernelEvents.PlanChanged => rows.RebuildAllAsync(cancellationToken),
        KernelEvents.MemberActive => rows.NoteActivityAsync(portalEvent.OrganizationId, portalEvent.At, cancellationToken),
        _ => Task.CompletedTask,
    };
}
