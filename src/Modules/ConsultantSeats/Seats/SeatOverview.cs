using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>A seat as the pages show it: who, where, for which partner, since when, its state and the consultant's certification.</summary>
public sealed record SeatView(
    Guid Id,
    Guid ClientId,
    string ClientName,
    string ClientUrl,
    Guid WorkspaceId,
    string Workspace,
    Guid UserId,
    string Email,
    string? Name,
    Guid PartnerId,
    string PartnerName,
    bool AlsoWorkspaceAdmin,
    SeatStatus Status,
    DateTime Since,
    DateTime? EndsAt,
    DateTime? EndedAt,
    string? EndedHow,
    string? Reason,
    int? SolutionsCopied,
    DateTime? LastActivity,
    CertificationState Certification)
{
    public string Who => string.IsNullOrWhiteSpace(Name) ? Email : $"{Name} ({Email})";

    public string WhatTheyMayDo => SeatRules.WhatTheyMayDo(AlsoWorkspaceAdmin, Workspace);

    public string WhatYouMayDo => SeatRules.WhatTheyMayDo(AlsoWorkspaceAdmin, Workspace, toThemselves: true);

    public string StatusWords => SeatRules.StatusWords(Status, EndsAt, EndedAt, EndedHow);
}

/// <summary>
/// A consultant's own seat that has not ended, as they see it on the client's home and their seat
/// page: where, for which partner, what they may do, since when and whether it is ending. Who they
/// are, their activity and their certification are theirs to know already, so none is read.
/// </summary>
public sealed record HeldSeat(Guid Id, string Workspace, Guid PartnerId, string PartnerName, bool AlsoWorkspaceAdmin, DateTime Since, DateTime? EndsAt)
{
    public SeatStatus Status => EndsAt is null ? SeatStatus.Active : SeatStatus.Ending;

    public string WhatYouMayDo => SeatRules.WhatTheyMayDo(AlsoWorkspaceAdmin, Workspace, toThemselves: true);

    public string StatusWords => SeatRules.StatusWords(Status, EndsAt, endedAt: null, endedHow: null);
}

/// <summary>
/// Reads seats for the pages: a client's own (the tenant filter), a consultant's across their
/// clients, and every seat for platform admins. Seats belong to clients, so the last two read past
/// the tenant filter, and only seats whose consultant is the one asking (or for platform admins);
/// the workspaces, memberships and names they show are those the seat rows name.
/// </summary>
public sealed class SeatOverview(PortalDbContext db, ITenantStore store, Certifications certifications, TenantUrls urls)
{
    private const string MissingWorkspace = "a workspace that no longer exists";

    /// <summary>Every seat of the current organization, active first.</summary>
    public Task<IReadOnlyList<SeatView>> ForClientAsync(CancellationToken cancellationToken = default) =>
        ViewsAsync(db.Set<ConsultantSeat>(), 500, cancellationToken);

    /// <summary>One seat of the current organization, or null for an id of nothing here.</summary>
    public async Task<SeatView?> OneAsync(Guid seatId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.Set<ConsultantSeat>().Where(s => s.Id == seatId), 1, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// The viewer's own seats in the current organization that have not ended, newest first. One
    /// statement: the consultant's home shows them on every visit, and a consultant's page costs no
    /// more than a member's (issue 11), whose home asks the same and finds none.
    /// </summary>
    public async Task<IReadOnlyList<HeldSeat>> HeldHereAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<ConsultantSeat>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .OrderByDescending(s => s.Since)
            .Take(100)
            // The seat's workspace is the current organization's (the "Tenant" filter holds for both).
            .Select(s => new HeldSeat(
                s.Id,
                db.Workspaces.Where(w => w.Id == s.WorkspaceId).Select(w => w.Name).FirstOrDefault() ?? MissingWorkspace,
                s.PartnerId,
                db.Organizations.Where(o => o.Id == s.PartnerId).Select(o => o.Name).FirstOrDefault() ?? string.Empty,
                s.AlsoWorkspaceAdmin,
                s.Since,
                s.EndsAt))
            .ToListAsync(cancellationToken);

    /// <summary>The consultant's seats across clients, as a consultant of <paramref name="partnerId"/>.</summary>
    public Task<IReadOnlyList<SeatView>> ForConsultantAsync(Guid userId, Guid partnerId, CancellationToken cancellationToken = default) =>
        ViewsAsync(db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).Where(s => s.UserId == userId && s.PartnerId == partnerId), 500, cancellationToken);

    /// <summary>The client organization of one of the consultant's own seats, or null when the seat is not theirs (with that partner).</summary>
    public async Task<TenantInfo?> ClientOfConsultantSeatAsync(Guid seatId, Guid userId, Guid partnerId, CancellationToken cancellationToken = default)
    {
        var clientId = await db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.Id == seatId && s.UserId == userId && s.PartnerId == partnerId).Select(s => (Guid?)s.TenantId).FirstOrDefaultAsync(cancellationToken);
        return clientId is { } id ? await store.FindByIdAsync(id, cancellationToken) : null;
    }

    /// <summary>Every seat on the platform (platform admins), narrowed by a consultant's e-mail or a client's or partner's name.</summary>
    public async Task<IReadOnlyList<SeatView>> ForPlatformAsync(string? search, CancellationToken cancellationToken = default)
    {
        var seats = db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            var people = db.Users.Where(u => u.Email!.ToLower().Contains(term)).Select(u => u.Id);
            var organizations = db.Organizations.Where(o => o.Name.ToLower().Contains(term)).Select(o => o.Id);
            seats = seats.Where(s => people.Contains(s.UserId) || organizations.Contains(s.TenantId) || organizations.Contains(s.PartnerId));
        }

        return await ViewsAsync(seats, 200, cancellationToken);
    }

    /// <summary>The client organization of any seat (platform admins), or null for an id of nothing.</summary>
    public async Task<TenantInfo?> ClientOfAnySeatAsync(Guid seatId, CancellationToken cancellationToken = default)
    {
        var clientId = await db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(s => s.Id == seatId).Select(s => (Guid?)s.TenantId).FirstOrDefaultAsync(cancellationToken);
        return clientId is { } id ? await store.FindByIdAsync(id, cancellationToken) : null;
    }

    private async Task<IReadOnlyList<SeatView>> ViewsAsync(IQueryable<ConsultantSeat> query, int take, CancellationToken cancellationToken)
    {
        var seats = await query.AsNoTracking()
            .OrderBy(s => s.EndedAt != null).ThenByDescending(s => s.Since)
            .Take(take).ToListAsync(cancellationToken);
        if (seats.Count == 0) return [];

        var userIds = seats.Select(s => s.UserId).Distinct().ToList();
        var clientIds = seats.Select(s => s.TenantId).Distinct().ToList();
        var workspaceIds = seats.Select(s => s.WorkspaceId).Distinct().ToList();
        var organizationIds = clientIds.Concat(seats.Select(s => s.PartnerId)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var names = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        // The workspaces and memberships the seats name, in the seats' own organizations.
        var workspaces = await db.Workspaces.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(w => workspaceIds.Contains(w.Id) && clientIds.Contains(w.TenantId))
            .Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var activity = (await db.Memberships.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => clientIds.Contains(m.TenantId) && userIds.Contains(m.UserId))
            .Select(m => new { m.TenantId, m.UserId, m.LastActiveAt }).ToListAsync(cancellationToken))
            .ToDictionary(m => (m.TenantId, m.UserId), m => m.LastActiveAt);
        var states = await certifications.StatesAsync(seats.Select(s => (s.PartnerId, s.UserId)).Distinct().ToList(), cancellationToken);
        var clientUrls = new Dictionary<Guid, string>();
        foreach (var id in clientIds)
        {
            clientUrls[id] = await store.FindByIdAsync(id, cancellationToken) is { } client ? urls.For(client, "/dashboard") : string.Empty;
        }

        return seats.Select(s => new SeatView(
                s.Id,
                s.TenantId,
                names.GetValueOrDefault(s.TenantId) ?? string.Empty,
                clientUrls[s.TenantId],
                s.WorkspaceId,
                workspaces.GetValueOrDefault(s.WorkspaceId) ?? MissingWorkspace,
                s.UserId,
                people.GetValueOrDefault(s.UserId)?.Email ?? string.Empty,
                people.GetValueOrDefault(s.UserId)?.DisplayName,
                s.PartnerId,
                names.GetValueOrDefault(s.PartnerId) ?? string.Empty,
                s.AlsoWorkspaceAdmin,
                s.Status,
                s.Since,
                s.EndsAt,
                s.EndedAt,
                s.EndedHow,
                s.DeactivationReason,
                s.SolutionsCopied,
                activity.GetValueOrDefault((s.TenantId, s.UserId)),
                states.GetValueOrDefault((s.PartnerId, s.UserId)) ?? CertificationState.None))
            .ToList();
    }
}
