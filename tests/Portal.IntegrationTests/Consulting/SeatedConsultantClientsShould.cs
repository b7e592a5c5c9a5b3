using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>
/// Until the seats half of the module answers it from its own rows, the clients a consultant serves
/// are those where they hold an active consultant seat (a free membership this module manages),
/// as long as they are one of the partner's active people.
/// </summary>
public sealed class SeatedConsultantClientsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListOnlyTheClientsWhereTheConsultantHoldsAnActiveSeat()
    {
        var partner = await World.CreateOrganizationAsync("Seat Partners", OrganizationKind.Partner);
        var consultant = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        var seated = await World.CreateOrganizationAsync("B Seated Clinic");
        var alsoSeated = await World.CreateOrganizationAsync("A Seated Clinic");
        var deactivated = await World.CreateOrganizationAsync("Deactivated Seat Clinic");
        var plainMember = await World.CreateOrganizationAsync("Plain Member Clinic");
        await SeatAsync(seated, consultant);
        await SeatAsync(alsoSeated, consultant);
        await SeatAsync(deactivated, consultant, deactivatedAt: DateTime.UtcNow);
        await World.AddMemberAsync(plainMember, consultant, OrganizationRole.Admin);

        Assert.Equal(["A Seated Clinic", "B Seated Clinic"], (await ClientsAsync(consultant.Id, partner.Id)).Select(c => c.Name));
        // Not a consultant of another partner, nor once they left this one.
        var otherPartner = await World.CreateOrganizationAsync("Other Seat Partners", OrganizationKind.Partner);
        Assert.Empty(await ClientsAsync(consultant.Id, otherPartner.Id));
        await World.InTenantAsync(partner, db => db.Memberships.Where(m => m.UserId == consultant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        Assert.Empty(await ClientsAsync(consultant.Id, partner.Id));
    }

    private Task SeatAsync(TestOrganization client, PortalUser consultant, DateTime? deactivatedAt = null) =>
        World.InTenantAsync(client, async db =>
        {
            db.Memberships.Add(new Membership
            {
                UserId = consultant.Id, Role = OrganizationRole.Member, CreatedAt = DateTime.UtcNow, DeactivatedAt = deactivatedAt,
                ManagedBy = ConsultantSeatsModule.ModuleName, FreeSeat = "consultant seat",
            });
            return await db.SaveChangesAsync();
        });

    private async Task<IReadOnlyList<ConsultantClient>> ClientsAsync(Guid userId, Guid partnerId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsultantClients>().ClientsOfAsync(userId, partnerId);
    }
}
