namespace PartnerPortal.Modularity;

/// <summary>
/// The kinds of <see cref="PortalEvent"/> the kernel raises when its own facts change, so a module
/// that keeps a copy of them (the reseller dashboard's client rows) follows every change, including
/// the ones written with <c>ExecuteUpdate</c>. Raised after the change is saved and, where the change
/// has a transaction, before it commits, so a handler's writes commit or roll back with it.
/// </summary>
public static class KernelEvents
{
    /// <summary>An organization was created, or its name, kind, status, primary host or domains changed. Organization: that one.</summary>
    public const string OrganizationChanged = "accounts.organization-changed";

    /// <summary>A partner–client link was made or ended. Organization: the client.</summary>
    public const string PartnerLinkChanged = "accounts.partner-link-changed";

    /// <summary>A member's last activity was stamped (at most once a minute). Organization: where; user: who; at: the new last activity.</summary>
    public const string MemberActive = "accounts.member-active";

    /// <summary>An account's plan, trial, over-limit mark, billing mode or reseller price changed. Organization: the account.</summary>
    public const string SubscriptionChanged = "billing.subscription-changed";

    /// <summary>A platform admin changed a plan (price, limits, order, archived, the default). Organization: <see cref="Platform"/>.</summary>
    public const string PlanChanged = "billing.plan-changed";

    /// <summary>The organization id of an event that concerns the platform itself rather than one organization.</summary>
    public static readonly Guid Platform = Guid.Empty;
}

public static class PortalEventsExtensions
{
    /// <summary>
    /// Saves the unit of work and raises <paramref name="portalEvent"/> in one transaction (the
    /// caller's, when it has one), so what the listeners write commits with the change or not at all.
    /// </summary>
    public static async Task SaveAndPublishAsync(this IPortalEvents events, Microsoft.EntityFrameworkCore.DbContext db, PortalEvent portalEvent, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await events.PublishAsync(portalEvent, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(portalEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
