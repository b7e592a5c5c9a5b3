using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>What a change to a seat did, in words, or why it changed nothing.</summary>
public sealed record SeatResult(string? Done, string? Error)
{
    public static SeatResult Failed(string error) => new(null, error);

    public static SeatResult Succeeded(string done) => new(done, null);
}

/// <summary>
/// Every change to a consultant seat (C3–C5), in the client organization that is the current
/// tenant: taking a seat (certified consultants only), the owner's deactivation under the seat
/// policy, undoing it, ending it (the consultant leaves, the notice runs out, a platform admin
/// overrides), reactivating it, and the "also workspace admin" toggle. The seat row, the kernel
/// membership (managed by this module, a free seat) and the workspace membership change together;
/// each change is audited in the client's log, and the consultant is e-mailed in the client's
/// branding. Nothing a consultant built is lost: when a seat ends, the solutions they built in its
/// workspace stay with the client and a copy of each goes to their partner's recipe library.
/// </summary>
public sealed class Seating(
    PortalDbContext db,
    ITenantContext tenants,
    ITenantStore store,
    Certifications certifications,
    SeatPolicy policy,
    ISolutionCatalog solutions,
    IMailer mailer,
    AuditLog audit,
    TenantUrls urls,
    TimeProvider time)
{
    /// <summary>What the kernel's plan and members pages call the seat (<see cref="Membership.FreeSeat"/>).</summary>
    public const string FreeSeatName = "consultant seat";

    public const string EndedByOwner = "deactivated by the owner";
    public const string EndedByLeaving = "left by the consultant";
    public const string EndedByPlatform = "ended by the platform";

    private TenantInfo Client => tenants.Current ?? throw new InvalidOperationException("Seats change in the client organization: make it the current tenant.");

    /// <summary>
    /// Seats <paramref name="user"/> in the workspace for <paramref name="partnerId"/>, which they
    /// must be certified with; saves. The caller holds the transaction that makes it one act with
    /// what led to it (an accepted invitation, a sign-up).
    /// </summary>
    public async Task<(ConsultantSeat? Seat, string? Error)> TakeAsync(Guid workspaceId, PortalUser user, Guid partnerId, SeatOrigin origin, CancellationToken cancellationToken = default)
    {
        var client = Client;
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        if (workspace is null) return (null, "That workspace no longer exists.");
        if (client.Kind != OrganizationKind.Client) return (null, "Consultant seats are in client organizations only.");
        if (!await certifications.IsCertifiedAsync(user.Id, partnerId, cancellationToken))
            return (null, $"{user.Email} is not a certified consultant, so cannot take a consultant seat. Nothing has changed. Ask the platform to certify you, then open the invitation again.");

        var seat = await db.Set<ConsultantSeat>().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId && s.UserId == user.Id, cancellationToken);
        if (seat is { Status: not SeatStatus.Ended }) return (null, $"{user.Email} holds a consultant seat in {workspace.Name} already.");
        var now = Now;
        if (await AdmitAsync(user.Id, user.Email!, now, cancellationToken) is { } refused) return (null, refused);

        if (seat is null)
        {
            seat = new ConsultantSeat { WorkspaceId = workspaceId, UserId = user.Id };
            db.Add(seat);
        }

        Restart(seat, partnerId, now);
        seat.Origin = origin;
        seat.AlsoWorkspaceAdmin = false;
        await PlaceInWorkspaceAsync(seat, now, cancellationToken);
        var partner = await PartnerNameAsync(partnerId, cancellationToken);
        // The consultant takes the seat (accepting, or through their own link), whoever is signed in on the request.
        audit.Record("consultant_seat.taken", $"{user.Email} of {partner} in {workspace.Name} ({(origin == SeatOrigin.SignUpLink ? "sign-up link" : "invitation")})", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return (seat, null);
    }

    /// <summary>The owner deactivates the seat under the seat policy, with a reason: after the notice period, or at once when it is 0.</summary>
    public async Task<SeatResult?> DeactivateAsync(Guid seatId, string? reason, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found) return null;
        var (seat, email, workspace) = found;
        if ((SeatRules.CheckDeactivation(seat) ?? SeatRules.CheckReason(reason)) is { } problem) return SeatResult.Failed(problem);
        var now = Now;
        var endsAt = SeatRules.EndsAt(now, await policy.NoticeDaysAsync(cancellationToken));
        if (endsAt is null)
        {
            await EndAsync(seat, EndedByOwner, reason!.Trim(), byUserId, cancellationToken);
            return SeatResult.Succeeded($"The consultant seat of {email} in {workspace} has ended. They were told by e-mail; what they built stays here.");
        }

        seat.DeactivationRequestedAt = now;
        seat.DeactivationRequestedByUserId = byUserId;
        seat.DeactivationReason = reason!.Trim();
        seat.EndsAt = endsAt;
        var ends = Day(endsAt.Value);
        mailer.Queue("consultant-seat-deactivation", await MailModelAsync(seat, workspace, cancellationToken, ("ends_on", ends), ("reason", seat.DeactivationReason)), new MailRecipient(email));
        audit.Record("consultant_seat.deactivation_started", $"{email} in {workspace}: ends on {ends}. Reason: {seat.DeactivationReason}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded($"The consultant seat of {email} in {workspace} ends on {ends}. They were told by e-mail; until then you can undo it.");
    }

    /// <summary>Undoes a deactivation during its notice period.</summary>
    public async Task<SeatResult?> UndoAsync(Guid seatId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found) return null;
        var (seat, email, workspace) = found;
        if (SeatRules.CheckUndo(seat) is { } problem) return SeatResult.Failed(problem);
        ClearDeactivation(seat);
        mailer.Queue("consultant-seat-deactivation-undone", await MailModelAsync(seat, workspace, cancellationToken), new MailRecipient(email));
        audit.Record("consultant_seat.deactivation_undone", $"{email} in {workspace}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded($"Undone: the consultant seat of {email} in {workspace} stays. They were told by e-mail.");
    }

    /// <summary>
    /// Reactivates an ended seat. The owner's reactivation needs the consultant still certified
    /// (<paramref name="overriding"/> is the platform admins' final control, which does not).
    /// </summary>
    public async Task<SeatResult?> ReactivateAsync(Guid seatId, Guid byUserId, bool overriding = false, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found) return null;
        var (seat, email, workspace) = found;
        if (overriding && seat.Status == SeatStatus.Ending)
        {
            // The platform's final control also stops a running deactivation.
            ClearDeactivation(seat);
            audit.Record("consultant_seat.overridden", $"{email} in {workspace}: kept, the deactivation is stopped. Reason: {reason}");
            mailer.Queue("consultant-seat-deactivation-undone", await MailModelAsync(seat, workspace, cancellationToken), new MailRecipient(email));
            await db.SaveChangesAsync(cancellationToken);
            return SeatResult.Succeeded($"The deactivation of {email}'s seat in {workspace} is stopped; the seat stays.");
        }

        if (SeatRules.CheckReactivation(seat) is { } problem) return SeatResult.Failed(problem);
        if (!await db.Workspaces.AnyAsync(w => w.Id == seat.WorkspaceId, cancellationToken)) return SeatResult.Failed("The seat's workspace no longer exists.");
        if (!overriding && !await certifications.IsCertifiedAsync(seat.UserId, seat.PartnerId, cancellationToken))
            return SeatResult.Failed($"The certification of {email} has lapsed: they cannot take the seat again until they are certified. Nothing has changed.");
        var now = Now;
        if (await AdmitAsync(seat.UserId, email, now, cancellationToken) is { } refused) return SeatResult.Failed(refused);

        Restart(seat, seat.PartnerId, now);
        await PlaceInWorkspaceAsync(seat, now, cancellationToken);
        mailer.Queue("consultant-seat-reactivated", await MailModelAsync(seat, workspace, cancellationToken), new MailRecipient(email));
        audit.Record(overriding ? "consultant_seat.overridden" : "consultant_seat.reactivated", $"{email} in {workspace}{(overriding ? ": reactivated. Reason: " + reason : string.Empty)}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded($"The consultant seat of {email} in {workspace} is active again. They were told by e-mail.");
    }

    /// <summary>The owner's "also workspace admin" toggle (C6).</summary>
    public async Task<SeatResult?> SetWorkspaceAdminAsync(Guid seatId, bool on, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found) return null;
        var (seat, email, workspace) = found;
        if (seat.Status == SeatStatus.Ended) return SeatResult.Failed("This seat has ended: reactivate it first.");
        if (seat.AlsoWorkspaceAdmin == on) return SeatResult.Succeeded("Nothing changed.");
        seat.AlsoWorkspaceAdmin = on;
        await PlaceInWorkspaceAsync(seat, Now, cancellationToken);
        audit.Record("consultant_seat.admin_changed", $"{email} in {workspace}: {(on ? "also workspace admin" : "consultant only")}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded(on
            ? $"{email} is also a workspace admin of {workspace} now: they see and build every solution there."
            : $"{email} is a consultant only in {workspace} now: they see the solutions they built or were given.");
    }

    /// <summary>The consultant leaves (their choice): the seat ends at once.</summary>
    public async Task<SeatResult?> LeaveAsync(Guid seatId, Guid consultantId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found || found.Seat.UserId != consultantId) return null;
        if (found.Seat.Status == SeatStatus.Ended) return SeatResult.Failed("You left this seat already.");
        await EndAsync(found.Seat, EndedByLeaving, null, consultantId, cancellationToken);
        return SeatResult.Succeeded($"You left your consultant seat in {found.Workspace} of {Client.Name}. What you built stays with them; your partner's recipe library has a copy.");
    }

    /// <summary>A platform admin ends the seat at once, with a reason (the platform's final control).</summary>
    public async Task<SeatResult?> EndByPlatformAsync(Guid seatId, string reason, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(seatId, cancellationToken) is not { } found) return null;
        if (found.Seat.Status == SeatStatus.Ended) return SeatResult.Failed("This seat has ended already.");
        await EndAsync(found.Seat, EndedByPlatform, reason, byUserId, cancellationToken);
        return SeatResult.Succeeded($"The consultant seat of {found.Email} in {found.Workspace} of {Client.Name} has ended.");
    }

    /// <summary>
    /// Ends the seat: claimed with one conditional update (so a seat ends once, whoever races), the
    /// consultant's workspace place removed and their membership deactivated when it was their last
    /// seat here (they reach nothing), the solutions they built in the workspace copied to their
    /// partner's recipe library, the consultant e-mailed and the end audited. One transaction
    /// (the caller's, if it holds one). False when the seat had ended already or is no longer due.
    /// </summary>
    /// <param name="dueBy">For the seat job: end only a seat whose notice ends by then.</param>
    public async Task<bool> EndAsync(ConsultantSeat seat, string how, string? reason, Guid? byUserId, CancellationToken cancellationToken = default, DateTime? dueBy = null)
    {
        var now = Now;
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var claim = db.Set<ConsultantSeat>().Where(s => s.Id == seat.Id && s.EndedAt == null);
        if (dueBy is { } due) claim = claim.Where(s => s.EndsAt != null && s.EndsAt <= due);
        if (await claim.ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken) != 1) return false;

        seat.EndedAt = now;
        seat.EndedHow = how;
        seat.EndedByUserId = byUserId;
        seat.EndsAt = null;
        seat.DeactivationReason = reason ?? seat.DeactivationReason;
        var place = await db.WorkspaceMemberships.FirstOrDefaultAsync(m => m.WorkspaceId == seat.WorkspaceId && m.UserId == seat.UserId, cancellationToken);
        if (place is not null) db.WorkspaceMemberships.Remove(place);
        var otherSeats = await db.Set<ConsultantSeat>().AnyAsync(s => s.UserId == seat.UserId && s.Id != seat.Id && s.EndedAt == null, cancellationToken);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == seat.UserId && m.ManagedBy == ConsultantSeatsModule.ModuleName, cancellationToken);
        if (!otherSeats && membership is not null) membership.DeactivatedAt = now;
        // Serving this client no more, the consultant bills it no more: their running SLAs here end
        // today (the month invoiced so far stays due; the SLA page says it ended).
        var endedSlas = otherSeats ? [] : await db.Set<ServiceLevelAgreement>().Where(s => s.ConsultantUserId == seat.UserId && s.EndedOn == null).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        foreach (var sla in endedSlas) sla.EndedOn = today < sla.StartsOn ? sla.StartsOn : today;
        // Saved before the copy: the catalog writes in the partner's organization, and nothing of this one may be pending then.
        await db.SaveChangesAsync(cancellationToken);

        var built = (await solutions.BuiltByAsync(seat.UserId, cancellationToken)).Where(s => s.WorkspaceId == seat.WorkspaceId).Select(s => s.Id).ToList();
        seat.SolutionsCopied = built.Count == 0 ? 0 : await solutions.CopyToRecipeLibraryAsync(built, seat.PartnerId, cancellationToken);

        var email = await EmailOfAsync(seat.UserId, cancellationToken);
        var workspace = await db.Workspaces.Where(w => w.Id == seat.WorkspaceId).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken) ?? "a workspace";
        var partner = await PartnerNameAsync(seat.PartnerId, cancellationToken);
        if (how != EndedByLeaving)
        {
            mailer.Queue("consultant-seat-ended", await MailModelAsync(seat, workspace, cancellationToken,
                ("how", how), ("reason", seat.DeactivationReason ?? string.Empty), ("copied", Solutions(seat.SolutionsCopied.Value)), ("partner_name", partner)), new MailRecipient(email));
        }

        var why = string.IsNullOrEmpty(seat.DeactivationReason) ? string.Empty : $" Reason: {seat.DeactivationReason}";
        audit.Record("consultant_seat.ended", $"{email} in {workspace}: {how}; {Solutions(seat.SolutionsCopied.Value)} copied to {partner}'s recipe library.{why}");
        foreach (var sla in endedSlas) audit.Record("sla.ended", $"{partner}: ended on {InvoiceSchedule.Date(sla.EndedOn!.Value)}, as {email}'s consultant seat here ended");
        await db.SaveChangesAsync(cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>"no solutions", "1 solution", "3 solutions".</summary>
    public static string Solutions(int count) => count switch
    {
        0 => "no solutions",
        1 => "1 solution",
        _ => $"{count.ToString(CultureInfo.InvariantCulture)} solutions",
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Restart(ConsultantSeat seat, Guid partnerId, DateTime now)
    {
        seat.PartnerId = partnerId;
        seat.Since = now;
        seat.EndedAt = null;
        seat.EndedHow = null;
        seat.EndedByUserId = null;
        seat.SolutionsCopied = null;
        ClearDeactivation(seat);
    }

    private static void ClearDeactivation(ConsultantSeat seat)
    {
        seat.DeactivationRequestedAt = null;
        seat.DeactivationRequestedByUserId = null;
        seat.DeactivationReason = null;
        seat.EndsAt = null;
    }

    /// <summary>
    /// Lets the consultant into the organization through the membership this module manages (a free
    /// seat; made, or reactivated); the reason it cannot when they are a member in their own right.
    /// </summary>
    private async Task<string?> AdmitAsync(Guid userId, string email, DateTime now, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            db.Memberships.Add(new Membership { UserId = userId, Role = OrganizationRole.Member, CreatedAt = now, ManagedBy = ConsultantSeatsModule.ModuleName, FreeSeat = FreeSeatName });
            return null;
        }

        if (membership.ManagedBy != ConsultantSeatsModule.ModuleName)
            return $"{email} is a member of {Client.Name} in their own right: a consultant seat is for consultants from outside it. Nothing has changed.";
        membership.DeactivatedAt = null;
        return null;
    }

    /// <summary>The consultant's place in the workspace: role Consultant, or Admin while the owner's toggle is on.</summary>
    private async Task PlaceInWorkspaceAsync(ConsultantSeat seat, DateTime now, CancellationToken cancellationToken)
    {
        var role = seat.AlsoWorkspaceAdmin ? WorkspaceRole.Admin : WorkspaceRole.Consultant;
        var place = await db.WorkspaceMemberships.FirstOrDefaultAsync(m => m.WorkspaceId == seat.WorkspaceId && m.UserId == seat.UserId, cancellationToken);
        if (place is null) db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = seat.WorkspaceId, UserId = seat.UserId, Role = role, CreatedAt = now });
        else place.Role = role;
    }

    /// <summary>A seat of the current organization with its consultant's e-mail and workspace's name; null for an id of nothing here.</summary>
    private async Task<(ConsultantSeat Seat, string Email, string Workspace)?> FindAsync(Guid seatId, CancellationToken cancellationToken)
    {
        var seat = await db.Set<ConsultantSeat>().FirstOrDefaultAsync(s => s.Id == seatId, cancellationToken);
        if (seat is null) return null;
        var workspace = await db.Workspaces.Where(w => w.Id == seat.WorkspaceId).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken) ?? "a workspace";
        return (seat, await EmailOfAsync(seat.UserId, cancellationToken), workspace);
    }

    private async Task<string> EmailOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;

    private async Task<string> PartnerNameAsync(Guid partnerId, CancellationToken cancellationToken) =>
        (await store.FindByIdAsync(partnerId, cancellationToken))?.Name ?? "their partner";

    private async Task<Dictionary<string, string?>> MailModelAsync(ConsultantSeat seat, string workspace, CancellationToken cancellationToken, params (string Key, string? Value)[] values)
    {
        var model = new Dictionary<string, string?>
        {
            ["client_name"] = Client.Name,
            ["workspace_name"] = workspace,
            ["notice_days"] = (await policy.NoticeDaysAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture),
            ["client_url"] = urls.For(Client, "/dashboard"),
        };
        foreach (var (key, value) in values) model[key] = value;
        return model;
    }
}
