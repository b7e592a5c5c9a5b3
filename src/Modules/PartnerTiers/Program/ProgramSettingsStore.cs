using Microsoft.Extensions.Logging;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>
/// Reads and saves the operator's program (one JSON document in the platform settings). A missing
/// or unreadable document is the seeds' defaults. A change applies from the next recalculation.
/// </summary>
public sealed partial class ProgramSettingsStore(PlatformSettings settings, PortalDbContext db, PlatformAudit audit, ILogger<ProgramSettingsStore> logger)
{
    public const string Key = "partner-tiers:program";

    public async Task<ProgramSettings> GetAsync(CancellationToken cancellationToken = default) =>
        ProgramSettings.FromJson(await settings.GetAsync(Key, cancellationToken)) ?? new ProgramSettings();

    /// <summary>Saves a checked program and records who changed what in the platform audit, in the same save (A1).</summary>
    public async Task SaveAsync(ProgramSettings program, string admin, string summary, CancellationToken cancellationToken = default)
    {
        await settings.SetAsync(Key, program.ToJson(), cancellationToken);
        audit.Record("partner_program.changed", summary);
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, admin, summary);
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "partner-program.changed", Message = "Platform admin {Admin} changed the partner program: {Summary}.")]
    private static partial void LogChanged(ILogger logger, string admin, string summary);
}
