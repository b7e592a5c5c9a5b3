using System.Globalization;
using PartnerPortal.Data;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>How a seat came to be: the client's invitation (C3) or the consultant's sign-up link (C2).</summary>
public enum SeatOrigin
{
    Invitation = 0,
    SignUpLink = 1,
}

/// <summary>Where a seat stands.</summary>
public enum SeatStatus
{
    Active = 0,

    /// <summary>The owner deactivated it under the seat policy's notice: it still works until <see cref="ConsultantSeat.EndsAt"/>, and can be undone.</summary>
    Ending = 1,

    /// <summary>Ended: the consultant reaches nothing; the owner (or a platform admin) can reactivate it.</summary>
    Ended = 2,
}

/// <summary>
/// A certified consultant's free, protected seat in one workspace of a client (C4, C5): the row
/// this module keeps beside the kernel's membership (managed by this module, a free seat) and
/// workspace membership (role Consultant, or Admin while <see cref="AlsoWorkspaceAdmin"/>). Owned
/// by the client organization; the consultant's own pages read theirs across clients through
/// <see cref="SeatOverview"/>, which checks that they are the consultant.
/// </summary>
public class ConsultantSeat : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client organization.</summary>
    public Guid TenantId { get; set; }

    public Guid WorkspaceId { get; set; }

    /// <summary>The consultant.</summary>
    public Guid UserId { get; set; }

    /// <summary>The partner the consultant is certified with; it gets a copy of what they built when the seat ends.</summary>
    public Guid PartnerId { get; set; }

    /// <summary>The owner's toggle (C6): the consultant is a workspace admin as well.</summary>
    public bool AlsoWorkspaceAdmin { get; set; }

    public SeatOrigin Origin { get; set; }

    /// <summary>When the seat was taken (or last reactivated).</summary>
    public DateTime Since { get; set; }

    /// <summary>When the owner deactivated the seat under a notice period; null while none runs.</summary>
    public DateTime? DeactivationRequestedAt { get; set; }

    public Guid? DeactivationRequestedByUserId { get; set; }

    /// <summary>Why the seat is (being) deactivated, in the words of whoever did it; required.</summary>
    public string? DeactivationReason { get; set; }

    /// <summary>When a running notice period ends the seat (the seat job ends it then).</summary>
    public DateTime? EndsAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public Guid? EndedByUserId { get; set; }

    /// <summary>How it ended, in words: "left", "deactivated by the owner", "ended by the platform".</summary>
    public string? EndedHow { get; set; }

    /// <summary>How many solutions the consultant built here were copied to their partner's recipe library when it ended.</summary>
    public int? SolutionsCopied { get; set; }

    public SeatStatus Status => EndedAt is not null ? SeatStatus.Ended : EndsAt is not null ? SeatStatus.Ending : SeatStatus.Active;
}

/// <summary>The rules of a seat's life (C5), apart from storage: what may happen next, and when.</summary>
public static class SeatRules
{
    /// <summary>The seat policy's default notice period (the seed's 14 days).</summary>
    public const int DefaultNoticeDays = 14;

    public const int MaxNoticeDays = 365;

    public const int MaxReasonLength = 500;

    /// <summary>When a deactivation asked for at <paramref name="now"/> takes effect; null: at once.</summary>
    public static DateTime? EndsAt(DateTime now, int noticeDays) => noticeDays <= 0 ? null : now.AddDays(noticeDays);

    /// <summary>Why a reason cannot be used, or null when it can: one is required, and a short one.</summary>
    public static string? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Give a reason: the consultant reads it."
        : reason.Trim().Length > MaxReasonLength ? $"Keep the reason under {MaxReasonLength} characters."
        : null;

    /// <summary>Why the seat cannot be deactivated now, or null.</summary>
    public static string? CheckDeactivation(ConsultantSeat seat) => seat.Status switch
    {
        SeatStatus.Ending => $"This seat already ends on {seat.EndsAt:yyyy-MM-dd}. Undo that first to start over.",
        SeatStatus.Ended => "This seat has ended already.",
        _ => null,
    };

    /// <summary>Why a running deactivation cannot be undone now, or null.</summary>
    public static string? CheckUndo(ConsultantSeat seat) =>
        seat.Status == SeatStatus.Ending ? null : "No deactivation is running for this seat: there is nothing to undo.";

    /// <summary>Why the seat cannot be reactivated now, or null.</summary>
    public static string? CheckReactivation(ConsultantSeat seat) =>
        seat.Status == SeatStatus.Ended ? null : "This seat is still active.";

    /// <summary>Where a seat stands, in words: active, the day it ends, or the day and the way it ended.</summary>
    public static string StatusWords(SeatStatus status, DateTime? endsAt, DateTime? endedAt, string? endedHow) => status switch
    {
        SeatStatus.Ending => $"Ends on {endsAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        SeatStatus.Ended => $"Ended on {endedAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({endedHow})",
        _ => "Active",
    };

    /// <summary>What the consultant may do in the workspace, in the owner's words (A5), or told to the consultant themselves.</summary>
    public static string WhatTheyMayDo(bool alsoWorkspaceAdmin, string workspace, bool toThemselves = false) => (alsoWorkspaceAdmin, toThemselves) switch
    {
        (true, false) => $"Workspace admin of {workspace} as well: sees and builds every solution there and adds or removes people.",
        (true, true) => $"You are a workspace admin of {workspace} as well: you see and build every solution there and add or remove people.",
        (false, false) => $"Builds solutions in {workspace}, and sees only the solutions they built or were given there.",
        _ => $"You build solutions in {workspace}, and see only the solutions you built or were given there.",
    };
}
