using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Profiles;

/// <summary>Demo directory profiles: Northwind Partners and Adventure Works Consulting, both listed.</summary>
public sealed class ProfilesDemo(PortalDbContext db, ITenantContext tenants, ITenantStore store, TimeProvider time) : IDemoDataContributor
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await AddAsync("northwind", new PartnerProfile
        {
            Summary = "Northwind Partners builds and runs booking, recall and billing apps for dental practices and fitness studios, and resells the platform with local support.",
            Regions = ProfileChoices.Join(["North America", "Europe"]),
            Industries = ProfileChoices.Join(["Dental and medical practices", "Healthcare", "Fitness and wellness"]),
            Website = "https://www.northwind.test",
            ContactEmail = "hello@northwind.test",
        }, cancellationToken);
        await AddAsync("adventure-works", new PartnerProfile
        {
            Summary = "Adventure Works Consulting designs project, inventory and order-tracking solutions for retailers and manufacturers, and manages them month to month.",
            Regions = ProfileChoices.Join(["North America", "Asia Pacific"]),
            Industries = ProfileChoices.Join(["Retail and e-commerce", "Manufacturing"]),
            Website = "https://www.adventure-works.test",
            ContactEmail = "partners@adventure-works.test",
        }, cancellationToken);
    }

    private async Task AddAsync(string slug, PartnerProfile profile, CancellationToken cancellationToken)
    {
        var id = await db.Organizations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null || await store.FindByIdAsync(id.Value, cancellationToken) is not { } tenant) return;
        using (tenants.Change(tenant))
        {
            profile.Listed = true;
            profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
            db.Add(profile);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
