namespace PartnerPortal.Modularity;

/// <summary>
/// A module's part of the Development demo data. The host's demo seeding calls every registered
/// contributor after it has created the demo organizations and their owners.
/// </summary>
public interface IDemoDataContributor
{
    Task SeedAsync(CancellationToken cancellationToken);
}
