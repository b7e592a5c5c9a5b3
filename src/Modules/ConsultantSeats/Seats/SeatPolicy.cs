using System.Globalization;
using Microsoft.Extensions.Logging;
using PartnerPortal.Modularity;

namespace PartnerPortal.ConsultantSeats.Seats;

/// <summary>
/// The platform's seat policy (C5): how many days' notice an owner's deactivation of a consultant
/// seat gives (0: it ends at once). A platform setting, <see cref="NoticeDaysKey"/>, edited by
/// platform admins on <c>/platform/consultants</c>.
/// </summary>
public sealed partial class SeatPolicy(PlatformSettings settings, PartnerPortal.Data.PortalDbContext db, ILogger<SeatPolicy> logger)
{
    public const string NoticeDaysKey = "consultant-seats:notice-days";

    public async Task<int> NoticeDaysAsync(CancellationToken cancellationToken = default) =>
        int.TryParse(await settings.GetAsync(NoticeDaysKey, cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= SeatRules.MaxNoticeDays
            ? days
            : SeatRules.DefaultNoticeDays;

    /// <summary>Sets the notice period from what a platform admin typed; returns what happened, or the error to show (nothing changed).</summary>
    public async Task<(string? Done, string? Error)> SetNoticeDaysAsync(string? input, string admin, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(input?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > SeatRules.MaxNoticeDays)
            return (null, $"Enter the notice period as a whole number of days from 0 (at once) to {SeatRules.MaxNoticeDays}.");
        await settings.SetAsync(NoticeDaysKey, days.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, admin, days);
        return (Describe(days) + " Deactivations already running keep their date.", null);
    }

    /// <summary>The policy in an owner's words.</summary>
    public static string Describe(int days) => days == 0
        ? "A deactivated consultant seat ends at once."
        : $"A deactivated consultant seat ends after {days} day{(days == 1 ? "" : "s")}' notice; until then it can be undone.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform admin {Admin} set the consultant seat notice period to {Days} days.")]
    private static partial void LogChanged(ILogger logger, string admin, int days);
}
