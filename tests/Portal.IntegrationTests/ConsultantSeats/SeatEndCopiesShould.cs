using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// C5 with both modules for real: when a seat ends, the seats module's open transaction carries the
/// Solutions module's copy of what the consultant built into their partner's recipe library (the
/// other seat tests stand a recording catalog in for Solutions).
/// </summary>
public sealed class SeatEndCopiesShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task CopyWhatTheConsultantBuiltIntoTheirPartnersLibraryWhenTheNoticeRunsOut()
    {
        var world = await SeatsWorld.CreateAsync(World, partnerName: "Copying Partners", clientName: "Copying Clinic");
        var seat = await world.SeatAsync(Factory);
        var recall = await SolutionWorld.CreateSolutionAsync(Factory, world.Client, SolutionWorld.Package("Recall reminders"), world.Workspace, world.Consultant.Id);
        await SolutionWorld.CreateSolutionAsync(Factory, world.Client, SolutionWorld.Package("Owner's intake"), world.Workspace, world.ClientOwner.Id);
        var sla = await World.InTenantAsync(world.Client, async db =>
        {
            var row = new ServiceLevelAgreement { ConsultantUserId = world.Consultant.Id, PartnerId = world.Partner.Id, MonthlyFee = 300, Currency = "EUR", PaymentTermsDays = 14, GracePeriodDays = 7, StartsOn = SeatsWorld.Today.AddMonths(-2), CreatedAt = DateTime.UtcNow };
            db.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var path = $"/settings/consultant-seats/{seat.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(path, new Dictionary<string, string> { ["Reason"] = "Contract over" }, path + "?handler=Deactivate")).StatusCode);

        Assert.Equal(1, await RunSeatJobAsync(DateTime.UtcNow.AddDays(15)));

        var row = await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id);
        Assert.Equal((SeatStatus.Ended, 1), (row.Status, row.SolutionsCopied));
        var copy = await World.InTenantAsync(world.Partner, db => db.Set<Solution>().AsNoTracking().SingleAsync());
        Assert.Equal(
            ("Recall reminders", world.Consultant.Id, "Copying Clinic", "Recall reminders"),
            (copy.Name, copy.CreatedByUserId, copy.SourceOrganization, copy.SourceRecipe));
        Assert.True(await World.InTenantAsync(world.Partner, db => db.Set<RecipeLibrary>().AnyAsync(l => l.WorkspaceId == copy.WorkspaceId)));
        Assert.Contains("1 from Copying Clinic: Recall reminders", await World.InTenantAsync(world.Partner, db => db.AuditEntries.Where(a => a.Action == "recipes.copied_in").Select(a => a.Detail).SingleAsync()));

        // Serving the client no more, the consultant bills it no more: the SLA ended the day the seat did.
        Assert.Equal(DateOnly.FromDateTime(row.EndedAt!.Value), await World.InTenantAsync(world.Client, db => db.Set<ServiceLevelAgreement>().Where(s => s.Id == sla).Select(s => s.EndedOn).SingleAsync()));
        Assert.Contains("as " + world.Consultant.Email + "'s consultant seat here ended", Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "sla.ended")));

        // The client keeps both solutions; only the partner got a copy, and the consultant opens it on their partner's host.
        Assert.Equal(2, await World.InTenantAsync(world.Client, db => db.Set<Solution>().CountAsync()));
        Assert.True(await World.InTenantAsync(world.Client, db => db.Set<Solution>().AnyAsync(s => s.Id == recall)));
        using var onPartner = await SolutionWorld.SignedInAsync(Factory, world.Partner, world.Consultant);
        Assert.Equal(HttpStatusCode.OK, (await onPartner.GetAsync($"/solutions/{copy.Id}/builder")).StatusCode);
    }

    [Fact]
    public async Task RollBackTheEndWhenTheCopyFails()
    {
        var world = await SeatsWorld.CreateAsync(World, partnerName: "Vanishing Partners", clientName: "Rollback Clinic");
        var seat = await world.SeatAsync(Factory);
        await SolutionWorld.CreateSolutionAsync(Factory, world.Client, SolutionWorld.Package("Recall reminders"), world.Workspace, world.Consultant.Id);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var path = $"/settings/consultant-seats/{seat.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(path, new Dictionary<string, string> { ["Reason"] = "Contract over" }, path + "?handler=Deactivate")).StatusCode);
        // A definition the copy cannot read makes it throw half-way: the seat must not end without the
        // copy, and one broken seat must not hold up the others (the job goes on and tries again later).
        await World.InTenantAsync(world.Client, async db =>
            await db.Set<Solution>().ExecuteUpdateAsync(s => s.SetProperty(x => x.DraftJson, "not json"))
            + await db.Set<SolutionVersion>().ExecuteUpdateAsync(s => s.SetProperty(x => x.DefinitionJson, "not json")));
        var other = await SeatsWorld.CreateAsync(World, partnerName: "Steady Partners", clientName: "Steady Clinic");
        var otherSeat = await other.SeatAsync(Factory);
        using var otherOwner = await SeatsWorld.SignedInAsync(Factory, other.Client.Host, other.ClientOwner);
        var otherPath = $"/settings/consultant-seats/{otherSeat.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await otherOwner.PostFormAsync(otherPath, new Dictionary<string, string> { ["Reason"] = "Contract over" }, otherPath + "?handler=Deactivate")).StatusCode);

        await RunSeatJobAsync(DateTime.UtcNow.AddDays(15));

        Assert.Contains(Factory.Logs.Errors, e => e.Contains(seat.Id.ToString(), StringComparison.Ordinal));
        ExpectLoggedErrors(); // the failed seat is logged, as it should be
        Assert.Equal(SeatStatus.Ended, (await SeatsWorld.SeatRowAsync(World, other.Client, otherSeat.Id)).Status);

        var row = await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id);
        Assert.Equal(SeatStatus.Ending, row.Status);
        Assert.NotNull(await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant));
        Assert.Null((await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!.DeactivatedAt);
        Assert.Equal(0, await World.InTenantAsync(world.Partner, db => db.Set<Solution>().CountAsync()));
    }

    private async Task<int> RunSeatJobAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeatEnds>().RunPassAsync(now, CancellationToken.None);
    }
}
