using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// A reseller's work on its client accounts (R2, R9, R12): create, detach, delete, hand over.
/// Every method takes the reseller as the current tenant and a client the caller has already
/// found through <see cref="PartnerClients.FindAsync"/> (the partner–client link check); each
/// change is one transaction, audited on both sides and announced as kernel events in it (the
/// dashboard's row follows them).
/// </summary>
public sealed class ClientAccounts(
    PortalDbContext db,
    OrganizationSetup setup,
    Invitations invitations,
    ITenantContext tenants,
    ITenantStore store,
    IPortalEvents events,
    AuditLog audit,
    TimeProvider time,
    IConfiguration configuration)
{
    public const int DefaultDeletionGraceDays = 30;

    public int DeletionGraceDays => configuration.GetValue("Resellers:DeletionGraceDays", DefaultDeletionGraceDays);

    /// <summary>Creates a client on the free plan, linked to the current reseller; its admin is invited in the client's (reseller-derived) branding. Returns the client or an error.</summary>
    public async Task<(Organization? Client, string? Error)> CreateAsync(string name, string slug, string adminEmail, Guid userId, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current ?? throw new InvalidOperationException("Creating a client needs the reseller as the current tenant.");
        var (client, error) = await setup.CreateAsync(new NewOrganization(name, slug, OrganizationKind.Client, adminEmail.Trim(), reseller.Id), reseller.Name, userId, cancellationToken);
        if (client is null) return (null, error);

        audit.Record("client.created", $"{client.Name} ({client.Slug}), admin {adminEmail.Trim()}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // A missing subscription already means the default plan; the row records when and how it started.
        var free = await db.Plans.AsNoTracking().Where(p => p.IsDefault).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (free is { } planId && await store.FindByIdAsync(client.Id, cancellationToken) is { } clientTenant)
        {
            using (tenants.Change(clientTenant))
            {
                db.AccountSubscriptions.Add(new AccountSubscription { PlanId = planId, ChangedAt = time.GetUtcNow().UtcDateTime, BillingMode = BillingMode.ResellerBilled });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        // The dashboard row came with the new link (a kernel event); a subscription on the default plan changes none of its keys.
        await transaction.CommitAsync(cancellationToken);
        return (client, null);
    }

    /// <summary>
    /// What a detach changed, exactly, so its Undo (sealed in an <see cref="UndoTokens"/> token) puts
    /// the same rows back: the same link, the same people's access, the same billing and price.
    /// </summary>
    public sealed record DetachedClient(
        Guid ClientId,
        string ClientName,
        DateTime DetachedAt,
        List<Guid> LinkIds,
        List<DetachedAssignment> Assignments,
        DetachedBilling? Billing);

    public sealed record DetachedAssignment(Guid Id, Guid UserId, DateTime CreatedAt);

    public sealed record DetachedBilling(BillingMode Mode, BillingMode? RequestedMode, Guid? RequestedBy, DateTime? RequestedAt, decimal? ResellerPrice, DateTime ChangedAt);

    public const string DetachUndoPurpose = "client.detached";

    /// <summary>Ends the link: the account becomes regular, keeps its data and is billed to itself again (R9). Returns what changed, for Undo.</summary>
    public async Task<DetachedClient> DetachAsync(TenantInfo client, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current!;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (linkIds, assignments) = await EndLinkAsync(reseller.Id, client.Id, now, cancellationToken);
        audit.Record("client.detached", $"{client.Name}: now a regular account");
        await db.SaveChangesAsync(cancellationToken);
        DetachedBilling? billing = null;
        using (tenants.Change(client))
        {
            // The client's own subscription: changed, with its audit entry, while the client is current.
            var subscription = await db.AccountSubscriptions.FirstOrDefaultAsync(cancellationToken);
            if (subscription is not null)
            {
                billing = new DetachedBilling(subscription.BillingMode, subscription.RequestedBillingMode, subscription.BillingModeRequestedBy,
                    subscription.BillingModeRequestedAt, subscription.ResellerPrice, subscription.ChangedAt);
                subscription.BillingMode = BillingMode.ClientBilled;
                subscription.RequestedBillingMode = null;
                subscription.BillingModeRequestedBy = null;
                subscription.BillingModeRequestedAt = null;
                subscription.ResellerPrice = null;
                subscription.ChangedAt = now;
            }

            audit.Record("reseller.detached", $"{reseller.Name} no longer serves this account; it is billed directly");
            await db.SaveChangesAsync(cancellationToken);
        }

        await AnnounceAsync(client.Id, now, cancellationToken, KernelEvents.PartnerLinkChanged, KernelEvents.SubscriptionChanged);
        await transaction.CommitAsync(cancellationToken);
        return new DetachedClient(client.Id, client.Name, now, linkIds, assignments.Select(a => new DetachedAssignment(a.Id, a.UserId, a.CreatedAt)).ToList(), billing);
    }

    /// <summary>
    /// Puts a detached client back exactly as it was (the same link row open again, the same
    /// people assigned, the same billing mode, pending switch and price), audited on both sides.
    /// Refused, changing nothing, when anything moved since: the account was linked, deleted or
    /// suspended, or its subscription changed. Returns null when done, else why not.
    /// </summary>
    public async Task<string?> UndoDetachAsync(DetachedClient detached, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current!;
        var now = time.GetUtcNow().UtcDateTime;
        var cannot = $"{detached.ClientName} cannot be brought back this way any more: it changed since it was detached. Its owner can ask you to serve it again under Settings → Reseller.";
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == detached.ClientId, cancellationToken);
        if (org is null || org.Status != OrganizationStatus.Active) return cannot;
        if (await db.PartnerClientLinks.AnyAsync(l => l.ClientId == detached.ClientId && l.EndedAt == null, cancellationToken)) return cannot;
        var links = await db.PartnerClientLinks.Where(l => detached.LinkIds.Contains(l.Id) && l.PartnerId == reseller.Id && l.ClientId == detached.ClientId).ToListAsync(cancellationToken);
        if (links.Count == 0 || links.Count != detached.LinkIds.Count || links.Any(l => !SameMoment(l.EndedAt, detached.DetachedAt))) return cannot;
        if (await store.FindByIdAsync(detached.ClientId, cancellationToken) is not { } client) return cannot;
        AccountSubscription? subscription;
        using (tenants.Change(client))
        {
            subscription = await db.AccountSubscriptions.FirstOrDefaultAsync(cancellationToken);
        }

        // Anything the account or the platform changed since (a plan, a switch asked for) wins: Undo does not overwrite it.
        if (detached.Billing is not null && (subscription is null || !SameMoment(subscription.ChangedAt, detached.DetachedAt) || subscription.BillingMode != BillingMode.ClientBilled))
            return cannot;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var link in links) link.EndedAt = null;
        foreach (var a in detached.Assignments)
            db.PartnerClientAssignments.Add(new PartnerClientAssignment { Id = a.Id, UserId = a.UserId, ClientId = detached.ClientId, CreatedAt = a.CreatedAt });
        audit.Record("client.detach_undone", $"{detached.ClientName}: served again, as before the detach");
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(client))
        {
            if (detached.Billing is { } billing)
            {
                subscription!.BillingMode = billing.Mode;
                subscription.RequestedBillingMode = billing.RequestedMode;
                subscription.BillingModeRequestedBy = billing.RequestedBy;
                subscription.BillingModeRequestedAt = billing.RequestedAt;
                subscription.ResellerPrice = billing.ResellerPrice;
                subscription.ChangedAt = billing.ChangedAt;
            }

            audit.Record("reseller.detach_undone", $"{reseller.Name} serves this account again; billing is as before the detach");
            await db.SaveChangesAsync(cancellationToken);
        }

        await AnnounceAsync(detached.ClientId, now, cancellationToken, KernelEvents.PartnerLinkChanged, KernelEvents.SubscriptionChanged);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Deletes a client after its name was typed to confirm: suspended at once (its hosts answer
    /// 404), the link ended, and purged by <see cref="ClientPurge"/> after the grace period (R9).
    /// Returns null when done, else what to correct.
    /// </summary>
    public async Task<string?> DeleteAsync(TenantInfo client, string? typedName, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(typedName?.Trim(), client.Name, StringComparison.Ordinal))
            return $"Type the account's name exactly as shown ({client.Name}) to delete it.";

        var reseller = tenants.Current!;
        var now = time.GetUtcNow().UtcDateTime;
        var purgeAfter = now.AddDays(DeletionGraceDays);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EndLinkAsync(reseller.Id, client.Id, now, cancellationToken);
        var org = await db.Organizations.SingleAsync(o => o.Id == client.Id, cancellationToken);
        org.Status = OrganizationStatus.Suspended;
        db.Set<ClientDeletion>().Add(new ClientDeletion { ClientId = client.Id, ClientName = client.Name, RequestedByUserId = userId, RequestedAt = now, PurgeAfter = purgeAfter });
        audit.Record("client.deleted", $"{client.Name}: suspended, purged after {purgeAfter:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        await RecordInClientAsync(client, "account.deleted", $"deleted by reseller {reseller.Name}; purged after {purgeAfter:yyyy-MM-dd}", cancellationToken);
        await AnnounceAsync(client.Id, now, cancellationToken, KernelEvents.PartnerLinkChanged, KernelEvents.OrganizationChanged);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>A client this reseller deleted whose data is still kept (R9).</summary>
    public sealed record PendingDeletion(Guid Id, string ClientName, DateTime RequestedAt, DateTime PurgeAfter);

    /// <summary>The current reseller's deleted clients still in their grace period, soonest purge first.</summary>
    public async Task<List<PendingDeletion>> PendingDeletionsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<ClientDeletion>().AsNoTracking()
            .Where(d => d.PurgedAt == null && d.PurgeAfter > now)
            .OrderBy(d => d.PurgeAfter)
            .Select(d => new PendingDeletion(d.Id, d.ClientName, d.RequestedAt, d.PurgeAfter))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Undoes a deletion during its grace period (R9): the account is active again, linked to this
    /// reseller again, and its data was never touched. Returns the client's name, or null when the
    /// deletion is not this reseller's, was purged, or its grace period ended.
    /// </summary>
    public async Task<string?> RestoreAsync(Guid deletionId, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current!;
        var now = time.GetUtcNow().UtcDateTime;
        // The tenant filter keeps other resellers' deletions out.
        var deletion = await db.Set<ClientDeletion>().FirstOrDefaultAsync(d => d.Id == deletionId && d.PurgedAt == null && d.PurgeAfter > now, cancellationToken);
        if (deletion is null) return null;
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == deletion.ClientId, cancellationToken);
        if (org is null) return null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        org.Status = OrganizationStatus.Active;
        db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = reseller.Id, ClientId = org.Id, CreatedAt = now });
        db.Set<ClientDeletion>().Remove(deletion);
        audit.Record("client.restored", $"{org.Name}: restored before its removal");
        await db.SaveChangesAsync(cancellationToken);
        if (await store.FindByIdAsync(org.Id, cancellationToken) is { } client)
            await RecordInClientAsync(client, "account.restored", $"restored by reseller {reseller.Name}", cancellationToken);
        await AnnounceAsync(org.Id, now, cancellationToken, KernelEvents.PartnerLinkChanged, KernelEvents.OrganizationChanged);
        await transaction.CommitAsync(cancellationToken);
        return org.Name;
    }

    /// <summary>Hands the account over (R12): the client's own e-mail is invited as owner, in the client's branding.</summary>
    public async Task HandOverAsync(TenantInfo client, string email, Guid userId, CancellationToken cancellationToken = default)
    {
        var reseller = tenants.Current!;
        audit.Record("client.handed_over", $"{client.Name}: {email.Trim()} invited as owner");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        using (tenants.Change(client))
        {
            invitations.Create(email, OrganizationRole.Owner, userId, reseller.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(List<Guid> LinkIds, List<PartnerClientAssignment> Assignments)> EndLinkAsync(Guid resellerId, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        var links = await db.PartnerClientLinks.Where(l => l.PartnerId == resellerId && l.ClientId == clientId && l.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var link in links) link.EndedAt = now;
        // The reseller's people lose the way in together with the link.
        var assignments = await db.PartnerClientAssignments.Where(a => a.ClientId == clientId).ToListAsync(cancellationToken);
        db.PartnerClientAssignments.RemoveRange(assignments);
        return (links.Select(l => l.Id).ToList(), assignments);
    }

    /// <summary>The same instant as stored: databases keep time to the microsecond (PostgreSQL) or finer.</summary>
    private static bool SameMoment(DateTime? stored, DateTime at) => stored is { } value && Math.Abs((value - at).Ticks) < TimeSpan.TicksPerMillisecond;

    private async Task AnnounceAsync(Guid clientId, DateTime now, CancellationToken cancellationToken, params string[] kinds)
    {
        foreach (var kind in kinds) await events.PublishAsync(new PortalEvent(clientId, null, kind, now), cancellationToken);
    }

    private async Task RecordInClientAsync(TenantInfo client, string action, string detail, CancellationToken cancellationToken)
    {
        using (tenants.Change(client))
        {
            audit.Record(action, detail);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
