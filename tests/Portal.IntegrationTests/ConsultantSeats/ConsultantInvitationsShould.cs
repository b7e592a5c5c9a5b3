using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.ConsultantSeats;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// C3, C4: "Invite a consultant" from a workspace, an e-mail in the client's branding that says what
/// a consultant seat is, accepted on the client's host with the consultant's one identity; only a
/// certified consultant accepts; single use; free even on a full Free plan.
/// </summary>
public sealed class ConsultantInvitationsShould(SeatsPortalFactory factory) : PortalTest<SeatsPortalFactory>(factory)
{
    [Fact]
    public async Task InviteFromTheWorkspaceAndAcceptOnTheClientsHostWithTheOneIdentity()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Inviting Clinic");
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (page, document) = await owner.GetPageAsync(InvitePath(world));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("free", document.QuerySelector("#what-a-seat-is")!.TextContent);

        var sent = await owner.PostFormAsync(InvitePath(world), new Dictionary<string, string> { ["Email"] = world.Consultant.Email! }, InvitePath(world) + "?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!);
        Assert.Contains("invites you to a consultant seat at Inviting Clinic", mail.Subject);
        Assert.Equal("Inviting Clinic", mail.From.Mailboxes.Single().Name);
        Assert.Contains("#0E7C86", mail.HtmlBody);
        Assert.Contains("is free: it never counts toward your plan's members", mail.TextBody);
        Assert.Contains("It is protected", mail.TextBody);
        Assert.Contains("sees only the solutions they build or are given", mail.TextBody);
        var accept = SeatsWorld.LinkIn(mail, $"http://{world.Client.Host}/consultant-invitation?token=");
        var stored = await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain(stored.TokenHash, accept); // only the hash is kept
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.invited"));

        using var consultant = Factory.ClientFor(world.Client.Host);
        var (invitation, invitationPage) = await consultant.GetPageAsync(accept);
        Assert.Equal(HttpStatusCode.OK, invitation.StatusCode);
        Assert.NotNull(invitationPage.QuerySelector("input[name=Password]"));
        Assert.Null(invitationPage.QuerySelector("input[name=DisplayName]")); // no second account
        var wrong = await consultant.PostFormAsync(accept, new Dictionary<string, string> { ["Password"] = "Not-the-password-1" }, accept);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("That password is not right", await SeatsWorld.TextOfAsync(wrong, "#form-error"));

        var accepted = await consultant.PostFormAsync(accept, new Dictionary<string, string> { ["Password"] = TestWorld.Password }, accept);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/dashboard", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/dashboard")).StatusCode);

        var membership = (await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!;
        Assert.Equal(ConsultantSeatsModule.ModuleName, membership.ManagedBy);
        Assert.Equal(Seating.FreeSeatName, membership.FreeSeat);
        Assert.Equal(OrganizationRole.Member, membership.Role);
        Assert.Equal(WorkspaceRole.Consultant, (await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant))!.Role);
        var seat = await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().AsNoTracking().SingleAsync());
        Assert.Equal((world.Workspace, world.Consultant.Id, world.Partner.Id, SeatOrigin.Invitation), (seat.WorkspaceId, seat.UserId, seat.PartnerId, seat.Origin));
        Assert.Equal(1, await World.GlobalAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == world.Consultant.Email!.ToUpperInvariant())));
        var taken = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Client, "consultant_seat.taken"));
        Assert.Equal(world.Consultant.Id, taken.UserId);

        // Single use.
        var (again, againPage) = await Factory.ClientFor(world.Client.Host).GetPageAsync(accept);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("does not work", againPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(1, await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().CountAsync()));

        // The home says what the seat lets them do, and the consultant's partner page lists it.
        var (_, home) = await consultant.GetPageAsync("/dashboard");
        Assert.Contains("see only the solutions you built or were given", home.QuerySelector("#home-consultant-seat")!.ParentElement!.TextContent);
        using var onPartner = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);
        var (_, consulting) = await onPartner.GetPageAsync("/consulting");
        var row = consulting.QuerySelector($"tr[data-seat='{seat.Id}']")!;
        Assert.Equal($"http://{world.Client.Host}/dashboard", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AskForThePasswordSinceSignInOnTheClientsHostWaitsForTheSeat()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var accept = await InviteAsync(world, world.Consultant.Email!);
        // No membership on the client's host yet: sign-in there is refused (A6), so the invitation asks for the password.
        using var consultant = Factory.ClientFor(world.Client.Host);
        Assert.Equal(HttpStatusCode.OK, (await consultant.SignInAsync(world.Consultant.Email!)).StatusCode);
        Assert.Null(consultant.Jar.GetCookies(new Uri($"http://{world.Client.Host}/"))[".portal.session"]);
        var (_, page) = await consultant.GetPageAsync(accept);
        Assert.NotNull(page.QuerySelector("input[name=Password]"));

        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostFormAsync(accept, new Dictionary<string, string> { ["Password"] = TestWorld.Password }, accept)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task RefuseAnUncertifiedPersonClearlyAndChangeNothing()
    {
        var world = await SeatsWorld.CreateAsync(World, certified: false);
        var accept = await InviteAsync(world, world.Consultant.Email!);
        using var consultant = Factory.ClientFor(world.Client.Host);
        var (_, page) = await consultant.GetPageAsync(accept);
        Assert.Contains("is not a certified consultant, so cannot take a consultant seat. Nothing has changed.", page.QuerySelector("#refusal")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));

        var posted = await consultant.Http.PostAsync(accept, new FormUrlEncodedContent(new Dictionary<string, string> { ["Password"] = TestWorld.Password, ["__RequestVerificationToken"] = await TokenAsync(consultant, "/account/signin") }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("is not a certified consultant", await SeatsWorld.TextOfAsync(posted, "#form-error"));
        Assert.Null(await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant));
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().CountAsync()));
        Assert.Null((await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().AsNoTracking().SingleAsync())).AcceptedAt);
    }

    [Fact]
    public async Task RefuseSomeoneWithoutAnAccountAndSomeoneSignedInAsAnotherPerson()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var stranger = await InviteAsync(world, $"{TestWorld.UniqueSlug("nobody")}@people.test");
        var (_, page) = await Factory.ClientFor(world.Client.Host).GetPageAsync(stranger);
        Assert.Contains("has no account yet", page.QuerySelector("#refusal")!.TextContent);

        var forConsultant = await InviteAsync(world, world.Consultant.Email!);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, ownersView) = await owner.GetPageAsync(forConsultant);
        Assert.Contains("you are signed in here as someone else", ownersView.QuerySelector("#refusal")!.TextContent);
        var posted = await owner.PostFormAsync("/dashboard", new Dictionary<string, string>(), forConsultant);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Null(await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant));
    }

    [Fact]
    public async Task RefuseAMemberOfTheClientInTheirOwnRight()
    {
        var world = await SeatsWorld.CreateAsync(World);
        await World.AddMemberAsync(world.Client, world.Consultant, OrganizationRole.Member);
        var accept = await InviteAsync(world, world.Consultant.Email!);
        using var consultant = Factory.ClientFor(world.Client.Host);

        var refused = await consultant.PostFormAsync(accept, new Dictionary<string, string> { ["Password"] = TestWorld.Password }, accept);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("is a member of Contoso Clinic in their own right", await SeatsWorld.TextOfAsync(refused, "#form-error"));
        var membership = (await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!;
        Assert.Equal((null, null), (membership.ManagedBy, membership.FreeSeat));
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().CountAsync()));
        Assert.Null((await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().AsNoTracking().SingleAsync())).AcceptedAt);
    }

    [Fact]
    public async Task RefuseAnExpiredOrWithdrawnInvitation()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var expired = await InviteAsync(world, world.Consultant.Email!);
        await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var (_, page) = await Factory.ClientFor(world.Client.Host).GetPageAsync(expired);
        Assert.Contains("does not work", page.QuerySelector("[role=alert]")!.TextContent);

        var withdrawn = await InviteAsync(world, world.Consultant.Email!);
        var id = await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().Where(i => i.WithdrawnAt == null && i.ExpiresAt > DateTime.UtcNow).Select(i => i.Id).SingleAsync());
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, invitePage) = await owner.GetPageAsync(InvitePath(world));
        Assert.Contains(world.Consultant.Email!, invitePage.QuerySelector("ul.invitations")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(InvitePath(world), new Dictionary<string, string> { ["invitationId"] = id.ToString() }, InvitePath(world) + "?handler=Withdraw")).StatusCode);
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.invitation_withdrawn"));
        var (_, gone) = await Factory.ClientFor(world.Client.Host).GetPageAsync(withdrawn);
        Assert.Contains("does not work", gone.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant));
    }

    [Theory]
    [InlineData("", "no address")]
    [InlineData("consultant-at-example", "not an address")]
    [InlineData("name@", "no domain")]
    public async Task RefuseABadAddressOnTheSamePageAndSendNothing(string email, string reason)
    {
        Assert.NotEmpty(reason);
        var world = await SeatsWorld.CreateAsync(World);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var response = await owner.PostFormAsync(InvitePath(world), new Dictionary<string, string> { ["Email"] = email }, InvitePath(world) + "?handler=Invite");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Enter the consultant's e-mail address", await SeatsWorld.TextOfAsync(response, "#form-error"));
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Set<ConsultantInvitation>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task LetOnlyTheOrganizationsAndTheWorkspacesAdminsInviteIntoTheirOwnWorkspaces()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Client, member, OrganizationRole.Member);
        using var asMember = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, member);
        Assert.Equal(HttpStatusCode.Forbidden, (await asMember.GetAsync(InvitePath(world))).StatusCode);

        await World.InTenantAsync(world.Client, db => db.WorkspaceMemberships.Where(m => m.UserId == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, WorkspaceRole.Admin)));
        Assert.Equal(HttpStatusCode.OK, (await asMember.GetAsync(InvitePath(world))).StatusCode);

        var other = await SeatsWorld.CreateAsync(World, clientName: "Other Clinic");
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(InvitePath(other))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/workspaces/{Guid.NewGuid()}/invite-consultant")).StatusCode);
        var (_, page) = await owner.GetPageAsync(InvitePath(world));
        var posted = await owner.PostFormAsync(InvitePath(world), new Dictionary<string, string> { ["Email"] = world.Consultant.Email! }, InvitePath(other) + "?handler=Invite");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await World.InTenantAsync(other.Client, db => db.Set<ConsultantInvitation>().CountAsync()));
        Assert.NotNull(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task SeatAConsultantInAFreeAccountWhoseMembersAreFullAndShowTheSeatBesideThem()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Full Free Clinic");
        await World.InTenantAsync(world.Client, async db =>
        {
            db.AccountSubscriptions.Add(new AccountSubscription { PlanId = Plan.Seeded.FreeId, ChangedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var second = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Client, second, OrganizationRole.Member);
        var accept = await InviteAsync(world, world.Consultant.Email!);

        using var consultant = Factory.ClientFor(world.Client.Host);
        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostFormAsync(accept, new Dictionary<string, string> { ["Password"] = TestWorld.Password }, accept)).StatusCode);

        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, plan) = await owner.GetPageAsync("/settings/plan");
        Assert.Equal("2 members + 1 consultant seat (free)", plan.QuerySelector(".free-seats")!.TextContent.Trim());
        Assert.Equal("2", plan.QuerySelector("tr[data-kind=members] td")!.TextContent);
        var (_, members) = await owner.GetPageAsync("/settings/members");
        Assert.Contains("Consultant seat (free)", members.QuerySelector("main")!.TextContent);
    }

    private static string InvitePath(SeatsWorld world) => $"/workspaces/{world.Workspace}/invite-consultant";

    /// <summary>Invites <paramref name="email"/> as the client's owner and returns the accept link's path from the e-mail.</summary>
    private async Task<string> InviteAsync(SeatsWorld world, string email)
    {
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var before = Factory.Smtp.Messages().Count(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(InvitePath(world), new Dictionary<string, string> { ["Email"] = email }, InvitePath(world) + "?handler=Invite")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Factory.Smtp.Messages().Count(m => m.To.Mailboxes.Any(a => a.Address == email)) == before && DateTime.UtcNow < deadline) await Task.Delay(100);
        var mail = Factory.Smtp.Messages().Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        return SeatsWorld.LinkIn(mail, $"http://{world.Client.Host}/consultant-invitation?token=");
    }

    private static async Task<string> TokenAsync(PortalClient client, string page) =>
        (await client.GetPageAsync(page)).Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
}
