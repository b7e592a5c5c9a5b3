using System.Net;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// A2 for seats: forged seat and invitation ids of another organization do nothing; a consultant
/// seated in one client reaches no other client through ids or hosts; the consultant's own pages
/// act only on their own seats.
/// </summary>
public sealed class SeatIsolationShould(SeatsPortalFactory factory) : PortalTest<SeatsPortalFactory>(factory)
{
    [Fact]
    public async Task DoNothingWithASeatIdOfAnotherOrganization()
    {
        var mine = await SeatsWorld.CreateAsync(World, clientName: "Mine Clinic");
        var theirs = await SeatsWorld.CreateAsync(World, clientName: "Theirs Clinic");
        var theirSeat = await theirs.SeatAsync(Factory);
        using var owner = await SeatsWorld.SignedInAsync(Factory, mine.Client.Host, mine.ClientOwner);
        var path = $"/settings/consultant-seats/{theirSeat.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(path)).StatusCode);
        foreach (var (handler, fields) in new[]
                 {
                     ("Deactivate", new Dictionary<string, string> { ["Reason"] = "forged" }),
                     ("Undo", new Dictionary<string, string>()),
                     ("Reactivate", new Dictionary<string, string>()),
                     ("Admin", new Dictionary<string, string> { ["alsoWorkspaceAdmin"] = "true" }),
                 })
        {
            var response = await owner.PostFormAsync("/settings/consultant-seats", fields, $"{path}?handler={handler}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler}: {(int)response.StatusCode}");
        }

        var seat = await SeatsWorld.SeatRowAsync(World, theirs.Client, theirSeat.Id);
        Assert.Equal((SeatStatus.Active, false), (seat.Status, seat.AlsoWorkspaceAdmin));
        Assert.Empty(await SeatsWorld.AuditAsync(World, mine.Client, "consultant_seat"));
        Assert.Single(await SeatsWorld.AuditAsync(World, theirs.Client, "consultant_seat"));
    }

    [Fact]
    public async Task LetAConsultantLeaveOnlyTheirOwnSeats()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var colleague = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Partner, colleague, PartnerPortal.Accounts.OrganizationRole.Member);
        await SeatsWorld.CertifyAsync(World, world.Partner, colleague, SeatsWorld.Today.AddYears(1));
        var theirs = await SeatsWorld.SeatAsync(Factory, world.Client, colleague, world.Partner);
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);

        var onPartner = await consultant.PostFormAsync("/consulting", new Dictionary<string, string> { ["seatId"] = theirs.Id.ToString(), ["confirm"] = "true" }, "/consulting?handler=Leave");
        Assert.Equal(HttpStatusCode.NotFound, onPartner.StatusCode);

        await world.SeatAsync(Factory);
        using var onClient = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.Consultant);
        var here = await onClient.PostFormAsync("/consultant-seat", new Dictionary<string, string> { ["seatId"] = theirs.Id.ToString(), ["confirm"] = "true" }, "/consultant-seat?handler=Leave");
        Assert.Equal(HttpStatusCode.NotFound, here.StatusCode);
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, theirs.Id)).Status);

        // Another partner's member with the consultant's seat id: their /consulting knows no such seat.
        var stranger = await SeatsWorld.CreateAsync(World, partnerName: "Stranger Partners");
        using var asStranger = await SeatsWorld.SignedInAsync(Factory, stranger.Partner.Host, stranger.Consultant);
        var (_, page) = await asStranger.GetPageAsync("/consulting");
        Assert.Null(page.QuerySelector("table.seats"));
        Assert.Equal(HttpStatusCode.NotFound, (await asStranger.PostFormAsync("/consulting", new Dictionary<string, string> { ["seatId"] = theirs.Id.ToString(), ["confirm"] = "true" }, "/consulting?handler=Leave")).StatusCode);
    }

    [Fact]
    public async Task KeepAConsultantSeatedInOneClientOutOfAnother()
    {
        var seated = await SeatsWorld.CreateAsync(World, clientName: "Seated Clinic");
        var other = await SeatsWorld.CreateAsync(World, clientName: "Other Clinic");
        await seated.SeatAsync(Factory);

        // The other client's host does not even let the consultant sign in: every page asks for a sign-in.
        await FormerMembers.RefusedSignInAsync(Factory, other.Client.Host, seated.Consultant);
        using var onOther = Factory.ClientFor(other.Client.Host);
        await onOther.SignInAsync(seated.Consultant.Email!);
        foreach (var path in new[] { "/dashboard", "/consultant-seat", $"/workspaces/{other.Workspace}/invite-consultant", "/solutions" })
        {
            Assert.True((await onOther.GetAsync(path)).StatusCode == HttpStatusCode.Redirect, path);
        }

        // On the client where they sit, another client's workspace is no workspace at all.
        using var onSeated = await SeatsWorld.SignedInAsync(Factory, seated.Client.Host, seated.Consultant);
        Assert.Equal(HttpStatusCode.Forbidden, (await onSeated.GetAsync($"/workspaces/{seated.Workspace}/invite-consultant")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onSeated.GetAsync($"/workspaces/{other.Workspace}/invite-consultant")).StatusCode);

        // A session of the seated client's host is refused on the other's host.
        var cookie = onSeated.Jar.GetCookies(new Uri($"http://{seated.Client.Host}/"))[".portal.session"]!;
        using var thief = Factory.ClientFor(other.Client.Host);
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        Assert.Equal(HttpStatusCode.Redirect, (await thief.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task WithdrawNoInvitationOfAnotherWorkspace()
    {
        var mine = await SeatsWorld.CreateAsync(World);
        var theirs = await SeatsWorld.CreateAsync(World, clientName: "Invited Elsewhere");
        using var theirOwner = await SeatsWorld.SignedInAsync(Factory, theirs.Client.Host, theirs.ClientOwner);
        var invitePath = $"/workspaces/{theirs.Workspace}/invite-consultant";
        Assert.Equal(HttpStatusCode.Redirect, (await theirOwner.PostFormAsync(invitePath, new Dictionary<string, string> { ["Email"] = theirs.Consultant.Email! }, invitePath + "?handler=Invite")).StatusCode);
        var invitation = await World.InTenantAsync(theirs.Client, db => db.Set<ConsultantInvitation>().AsNoTracking().SingleAsync());

        using var owner = await SeatsWorld.SignedInAsync(Factory, mine.Client.Host, mine.ClientOwner);
        var myPath = $"/workspaces/{mine.Workspace}/invite-consultant";
        var response = await owner.PostFormAsync(myPath, new Dictionary<string, string> { ["invitationId"] = invitation.Id.ToString() }, myPath + "?handler=Withdraw");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await World.InTenantAsync(theirs.Client, db => db.Set<ConsultantInvitation>().AsNoTracking().SingleAsync())).WithdrawnAt);
    }
}
