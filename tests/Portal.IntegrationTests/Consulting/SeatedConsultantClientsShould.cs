using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>
/// The clients a consultant serves for a partner are those where they hold an open consultant seat
/// for that partner, as long as they are one of the partner's active people.
/// </summary>
public sealed class SeatedConsultantClientsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListOnlyTheClientsWhereTheConsultantHoldsAnActiveSeat()
    {
        var partner = await World.CreateOrganizationAsync("Seat Partners", OrganizationKind.Partner);
        var consultant = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        await ConsultantSeats.SeatsWorld.CertifyAsync(World, partner, consultant, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)));
        var seated = await World.CreateOrganizationAsync("B Seated Clinic");
        var alsoSeated = await World.CreateOrganizationAsync("A Seated Clinic");
        var ended = await World.CreateOrganizationAsync("Ended Seat Clinic");
        var plainMember = await World.CreateOrganizationAsync("Plain Member Clinic");
        await ConsultantSeats.SeatsWorld.SeatAsync(Factory, seated, consultant, partner);
        await ConsultantSeats.SeatsWorld.SeatAsync(Factory, alsoSeated, consultant, partner);
        var seat = await ConsultantSeats.SeatsWorld.SeatAsync(Factory, ended, consultant, partner);
        await EndAsync(ended, seat.Id);
        await World.AddMemberAsync(plainMember, consultant, OrganizationRole.Admin);

        Assert.Equal(["A Seated Clinic", "B Seated Clinic"], (await ClientsAsync(consultant.Id, partner.Id)).Select(c => c.Name));
        // Not a consultant of another partner, nor once they left this one.
        var otherPartner = await World.CreateOrganizationAsync("Other Seat Partners", OrganizationKind.Partner);
        Assert.Empty(await ClientsAsync(consultant.Id, otherPartner.Id));
        await World.InTenantAsync(partner, db => db.Memberships.Where(m => m.UserId == consultant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        Assert.Empty(await ClientsAsync(consultant.Id, partner.Id));
    }

    /// <summary>Ends the seat at once, as the platform's override does.</summary>
    private async Task EndAsync(TestOrganization client, Guid seatId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantStore>().FindByIdAsync(client.Id);
        using (scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantContext>().Change(tenant))
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<PartnerPortal.ConsultantSeats.Seats.Seating>().EndByPlatformAsync(seatId, "test", Guid.NewGuid()));
        }
    }

    private async Task<IReadOnlyList<ConsultantClient>> ClientsAsync(Guid userId, Guid partnerId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsultantClients>().ClientsOfAsync(userId, partnerId);
    }
}
