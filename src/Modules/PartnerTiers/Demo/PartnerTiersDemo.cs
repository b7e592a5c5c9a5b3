using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers.Demo;

/// <summary>
/// The program's demo in the order its parts depend on: Northwind's approved deal and case study
/// first, so the ledger's recalculation of this month counts them; then the ledger's history and
/// tier; last the open dispute, of an entry the recalculation wrote.
/// </summary>
public sealed class PartnerTiersDemo(DealsDemo deals, ProgramDemo ledger) : IDemoDataContributor
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await deals.SeedDealsAsync(cancellationToken);
        await ledger.SeedAsync(cancellationToken);
        await deals.SeedDisputeAsync(cancellationToken);
    }
}
