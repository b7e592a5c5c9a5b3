using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// C5, C6: no role removes a consultant seat; the owner deactivates it under the seat policy with a
/// reason (the consultant is e-mailed, it is audited, it can be undone and reactivated), the job ends
/// it when the notice runs out, and nothing the consultant built is lost; the consultant leaves at
/// will; platform admins override; the owner toggles "also workspace admin".
/// </summary>
public sealed class SeatDeactivationShould(SeatsPortalFactory factory) : PortalTest<SeatsPortalFactory>(factory)
{
    [Fact]
    public async Task DeactivateWithNoticeTellTheConsultantAndUndoIt()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Noticing Clinic");
        var seat = await world.SeatAsync(Factory);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, page) = await owner.GetPageAsync(SeatPath(seat));
        Assert.Contains("ends after 14 days' notice", page.QuerySelector("#deactivate")!.TextContent);

        var before = DateTime.UtcNow;
        var deactivated = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["Reason"] = "We stop the project" }, SeatPath(seat) + "?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var row = await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id);
        Assert.Equal(SeatStatus.Ending, row.Status);
        Assert.InRange(row.EndsAt!.Value, before.AddDays(14).AddSeconds(-5), DateTime.UtcNow.AddDays(14).AddSeconds(5));
        Assert.Equal(world.ClientOwner.Id, row.DeactivationRequestedByUserId);
        var mail = await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => (m.Subject ?? string.Empty).StartsWith("Your consultant seat at Noticing Clinic ends on", StringComparison.Ordinal));
        Assert.Contains("Their reason: We stop the project", mail.TextBody);
        Assert.Contains("after 14 days' notice", mail.TextBody);
        Assert.Equal("Noticing Clinic", mail.From.Mailboxes.Single().Name);
        var audit = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Client, "consultant_seat.deactivation_started"));
        Assert.Equal(world.ClientOwner.Id, audit.UserId);
        Assert.Contains("We stop the project", audit.Detail);

        // The seat works during the notice period.
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.Consultant);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/dashboard")).StatusCode);

        var undone = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string>(), SeatPath(seat) + "?handler=Undo");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == "Your consultant seat at Noticing Clinic stays");
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.deactivation_undone"));
        var again = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string>(), SeatPath(seat) + "?handler=Undo");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Theory]
    [InlineData("", "no reason")]
    [InlineData("   ", "only spaces")]
    [InlineData("x", "too long: 501 characters")]
    public async Task RequireAReasonAndChangeNothingWithoutOne(string reason, string why)
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var posted = why.StartsWith("too long", StringComparison.Ordinal) ? new string('x', 501) : reason;

        var response = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["Reason"] = posted }, SeatPath(seat) + "?handler=Deactivate");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(why.StartsWith("too long", StringComparison.Ordinal) ? "under 500 characters" : "Give a reason", await SeatsWorld.TextOfAsync(response, "#form-error"));
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        Assert.Empty(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.deactivation"));
        Assert.Equal(0, await World.InTenantAsync(world.Client, db => db.Outbox.CountAsync(m => m.ToAddress == world.Consultant.Email)));
    }

    [Fact]
    public async Task EndWhenTheNoticeRunsOutOnceAndCopyWhatTheConsultantBuiltToTheirPartner()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Ending Clinic");
        var seat = await world.SeatAsync(Factory);
        SolutionSummary Built(string name, Guid workspace) => new(Guid.NewGuid(), name, workspace, world.Consultant.Id, null);
        var recall = Built("Recall reminders", world.Workspace);
        var invoices = Built("Invoices", world.Workspace);
        Factory.Solutions.Built[world.Consultant.Id] = [recall, invoices, Built("Elsewhere", Guid.NewGuid())];
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["Reason"] = "Contract over" }, SeatPath(seat) + "?handler=Deactivate")).StatusCode);
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.Consultant);

        await RunSeatJobAsync(DateTime.UtcNow.AddDays(13));
        Assert.Equal(SeatStatus.Ending, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        Assert.True(await RunSeatJobAsync(DateTime.UtcNow.AddDays(15)) >= 1);
        await RunSeatJobAsync(DateTime.UtcNow.AddDays(16)); // a second pass ends nothing twice

        var row = await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id);
        Assert.Equal(SeatStatus.Ended, row.Status);
        Assert.Equal(Seating.EndedByOwner, row.EndedHow);
        Assert.Equal(2, row.SolutionsCopied);
        var copy = Assert.Single(Factory.Solutions.Copies, c => c.PartnerId == world.Partner.Id);
        Assert.Equal(world.Client.Id, copy.AskedIn); // asked in the client's organization, where the solutions are
        Assert.Equal(new[] { recall.Id, invoices.Id }.Order(), copy.SolutionIds.Order());
        Assert.NotNull((await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!.DeactivatedAt);
        Assert.Null(await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant));
        var ended = await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == "Your consultant seat at Ending Clinic has ended");
        Assert.Contains("2 solutions you built there were copied to the recipe library of Northwind Consulting", ended.TextBody);
        Assert.Contains("The reason given: Contract over", ended.TextBody);
        Assert.Single(Factory.Smtp.Messages(), m => m.Subject == "Your consultant seat at Ending Clinic has ended");
        Assert.Contains("2 solutions copied", Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.ended")));

        // A deactivated consultant reaches nothing here.
        foreach (var path in new[] { "/dashboard", "/consultant-seat", "/solutions", $"/workspaces/{world.Workspace}/invite-consultant" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync(path)).StatusCode);
        }

        // The owner sees what happened, and the plan counts the seat no more.
        var (_, page) = await owner.GetPageAsync(SeatPath(seat));
        Assert.StartsWith("Ended on", page.QuerySelector("dd.state")!.TextContent);
        Assert.Contains("2 solutions copied to Northwind Consulting's recipe library", page.QuerySelector("dl.facts")!.TextContent);
        var (_, plan) = await owner.GetPageAsync("/settings/plan");
        Assert.Null(plan.QuerySelector(".free-seats"));
    }

    [Fact]
    public async Task EndAtOnceWhenThePolicyGivesNoNoticeAndReactivateAfterwards()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Prompt Clinic");
        var seat = await world.SeatAsync(Factory);
        await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().Where(s => s.Id == seat.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AlsoWorkspaceAdmin, true)));
        await SeatsWorld.SetNoticeDaysAsync(World, 0);
        try
        {
            using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["Reason"] = "Not needed" }, SeatPath(seat) + "?handler=Deactivate")).StatusCode);
            Assert.Equal(SeatStatus.Ended, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
            await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == "Your consultant seat at Prompt Clinic has ended");
            Assert.Contains("no solutions copied", Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.ended")));

            var reactivated = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string>(), SeatPath(seat) + "?handler=Reactivate");
            Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
            Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
            Assert.Null((await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!.DeactivatedAt);
            Assert.Equal(WorkspaceRole.Admin, (await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant))!.Role); // the toggle kept
            await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == "Your consultant seat at Prompt Clinic is active again");
            Assert.Single(await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.reactivated"));
        }
        finally
        {
            await SeatsWorld.SetNoticeDaysAsync(World, SeatRules.DefaultNoticeDays);
        }
    }

    [Fact]
    public async Task RefuseTheOwnersReactivationOnceTheCertificationHasLapsed()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        await EndAsync(world, seat.Id);
        await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidUntil, SeatsWorld.Today.AddDays(-1))));
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, seats) = await owner.GetPageAsync("/settings/consultant-seats");
        Assert.Equal($"Certification lapsed on {SeatsWorld.Today:yyyy-MM-dd}", seats.QuerySelector($"tr[data-seat='{seat.Id}'] .certification")!.TextContent);

        var refused = await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string>(), SeatPath(seat) + "?handler=Reactivate");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("has lapsed", await SeatsWorld.TextOfAsync(refused, "#form-error"));
        Assert.Equal(SeatStatus.Ended, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
    }

    [Fact]
    public async Task LetNoRoleRemoveOrChangeTheSeatOnTheMembersPage()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        var membership = (await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!;
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        var removed = await owner.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = membership.Id.ToString() }, "/settings/members?handler=Remove");
        var promoted = await owner.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = membership.Id.ToString(), ["role"] = "Admin" }, "/settings/members?handler=Role");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, removed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, promoted.StatusCode);
        var after = (await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!;
        Assert.Equal((OrganizationRole.Member, (DateTime?)null), (after.Role, after.DeactivatedAt));
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        Assert.NotNull(await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant));
    }

    [Fact]
    public async Task LetTheConsultantLeaveFromTheirConsultingPageOrTheClientsHost()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Left Clinic");
        var second = await SeatsWorld.CreateAsync(World, clientName: "Second Clinic");
        var fromPartner = await world.SeatAsync(Factory);
        var fromClient = await SeatsWorld.SeatAsync(Factory, second.Client, world.Consultant, world.Partner);
        using var onPartner = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);

        var unconfirmed = await onPartner.PostFormAsync("/consulting", new Dictionary<string, string> { ["seatId"] = fromPartner.Id.ToString() }, "/consulting?handler=Leave");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, fromPartner.Id)).Status);
        var left = await onPartner.PostFormAsync("/consulting", new Dictionary<string, string> { ["seatId"] = fromPartner.Id.ToString(), ["confirm"] = "true" }, "/consulting?handler=Leave");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        var row = await SeatsWorld.SeatRowAsync(World, world.Client, fromPartner.Id);
        Assert.Equal((SeatStatus.Ended, Seating.EndedByLeaving, world.Consultant.Id), (row.Status, row.EndedHow, row.EndedByUserId));
        var audit = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Client, "consultant_seat.ended"));
        Assert.Equal(world.Consultant.Id, audit.UserId);

        using var onClient = await SeatsWorld.SignedInAsync(Factory, second.Client.Host, world.Consultant);
        var (_, mine) = await onClient.GetPageAsync("/consultant-seat");
        Assert.Contains("Second Clinic", mine.QuerySelector("main h1")!.TextContent);
        var leftHere = await onClient.PostFormAsync("/consultant-seat", new Dictionary<string, string> { ["seatId"] = fromClient.Id.ToString(), ["confirm"] = "true" }, "/consultant-seat?handler=Leave");
        Assert.Equal(HttpStatusCode.Redirect, leftHere.StatusCode);
        Assert.StartsWith($"http://{world.Partner.Host}/consulting?message=", leftHere.Headers.Location!.OriginalString);
        Assert.Equal(SeatStatus.Ended, (await SeatsWorld.SeatRowAsync(World, second.Client, fromClient.Id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await onClient.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task ToggleAlsoWorkspaceAdminForTheSeat()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["alsoWorkspaceAdmin"] = "true" }, SeatPath(seat) + "?handler=Admin")).StatusCode);
        Assert.Equal(WorkspaceRole.Admin, (await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant))!.Role);
        Assert.True((await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).AlsoWorkspaceAdmin);
        var (_, page) = await owner.GetPageAsync(SeatPath(seat));
        Assert.Contains("Workspace admin of General as well", page.QuerySelector("dl.facts")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(SeatPath(seat), new Dictionary<string, string>(), SeatPath(seat) + "?handler=Admin")).StatusCode);
        Assert.Equal(WorkspaceRole.Consultant, (await SeatsWorld.PlaceAsync(World, world.Client, world.Consultant))!.Role);
        Assert.Equal(2, (await SeatsWorld.AuditAsync(World, world.Client, "consultant_seat.admin_changed")).Count);
    }

    [Fact]
    public async Task LetPlatformAdminsEndOrReactivateASeatAtOnceWithAReason()
    {
        var world = await SeatsWorld.CreateAsync(World, clientName: "Overridden Clinic");
        var seat = await world.SeatAsync(Factory);
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await SeatsWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        var (_, list) = await platform.GetPageAsync("/platform/consultants/seats?search=Overridden");
        Assert.NotNull(list.QuerySelector($"tr[data-seat='{seat.Id}']"));
        const string Seats = "/platform/consultants/seats";

        var noReason = await platform.PostFormAsync(Seats, new Dictionary<string, string> { ["seatId"] = seat.Id.ToString(), ["confirm"] = "true" }, Seats + "?handler=End");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var unconfirmed = await platform.PostFormAsync(Seats, new Dictionary<string, string> { ["seatId"] = seat.Id.ToString(), ["reason"] = "Abuse report" }, Seats + "?handler=End");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PostFormAsync(Seats, new Dictionary<string, string> { ["seatId"] = Guid.NewGuid().ToString(), ["reason"] = "x", ["confirm"] = "true" }, Seats + "?handler=End")).StatusCode);
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await platform.PostFormAsync(Seats, new Dictionary<string, string> { ["seatId"] = seat.Id.ToString(), ["reason"] = "Abuse report", ["confirm"] = "true" }, Seats + "?handler=End")).StatusCode);
        var row = await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id);
        Assert.Equal((SeatStatus.Ended, Seating.EndedByPlatform, admin.Id), (row.Status, row.EndedHow, row.EndedByUserId));
        var ended = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Client, "consultant_seat.ended"));
        Assert.Equal(admin.Id, ended.UserId);
        Assert.Contains("Abuse report", ended.Detail);

        Assert.Equal(HttpStatusCode.Redirect, (await platform.PostFormAsync(Seats, new Dictionary<string, string> { ["seatId"] = seat.Id.ToString(), ["reason"] = "Resolved" }, Seats + "?handler=Reactivate")).StatusCode);
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        var overridden = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Client, "consultant_seat.overridden"));
        Assert.Equal(admin.Id, overridden.UserId);
        Assert.Contains("Resolved", overridden.Detail);
    }

    [Fact]
    public async Task ShowEverySeatOnWhoCanSeeMyDataWithARevokeThatStartsTheDeactivation()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        using (var consultant = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.Consultant))
        {
            Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/dashboard")).StatusCode); // last activity
        }

        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, page) = await owner.GetPageAsync("/settings/access");
        var cells = page.QuerySelector($"#consultant-seats tr[data-seat='{seat.Id}']")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains(world.Consultant.Email!, cells[0]);
        Assert.Equal(world.Partner.Name, cells[1]);
        Assert.StartsWith("Builds solutions in General, and sees only the solutions they built or were given there.", cells[2]);
        Assert.NotEqual("—", cells[3]);
        Assert.NotEqual("—", cells[4]);
        Assert.StartsWith("Certified (Certified consultant) until", cells[5]);
        var revoke = page.QuerySelector($"#consultant-seats tr[data-seat='{seat.Id}'] a")!.GetAttribute("href")!;
        Assert.Equal($"{SeatPath(seat)}#deactivate", revoke);
        var (_, seatPage) = await owner.GetPageAsync(SeatPath(seat));
        Assert.NotNull(seatPage.QuerySelector("#deactivate textarea[name=Reason]"));
    }

    [Fact]
    public async Task SkipTheSeatsOfAClientThatSwitchedTheModuleOff()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        await World.InTenantAsync(world.Client, db => db.Set<ConsultantSeat>().Where(s => s.Id == seat.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndsAt, DateTime.UtcNow.AddMinutes(-1)).SetProperty(x => x.DeactivationReason, "Over")));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ModuleSettings>().SaveAsync(world.Client.Id, new Dictionary<string, bool?> { ["ConsultantSeats"] = false });
        }

        await RunSeatJobAsync(DateTime.UtcNow);
        Assert.Equal(SeatStatus.Ending, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ModuleSettings>().SaveAsync(world.Client.Id, new Dictionary<string, bool?> { ["ConsultantSeats"] = null });
        }

        await RunSeatJobAsync(DateTime.UtcNow);
        Assert.Equal(SeatStatus.Ended, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
    }

    [Fact]
    public async Task AuditASeatChangeMadeByAResellerLoggedInAsTheClientNamingTheReseller()
    {
        var reseller = await Impersonation.ImpersonationWorld.CreateAsync(World);
        var consultants = await SeatsWorld.CreateAsync(World, partnerName: "Consultants Elsewhere");
        var seat = await SeatsWorld.SeatAsync(Factory, reseller.Client, consultants.Consultant, consultants.Partner);
        var browser = new Impersonation.Browser(Factory);
        var onClient = await browser.ImpersonateAsync(await browser.SignedInAsync(reseller.Reseller.Host, reseller.ResellerAdmin), reseller.Client);

        Assert.Equal(HttpStatusCode.Redirect, (await onClient.PostFormAsync(SeatPath(seat), new Dictionary<string, string> { ["alsoWorkspaceAdmin"] = "true" }, SeatPath(seat) + "?handler=Admin")).StatusCode);

        var entry = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, reseller.Client, "consultant_seat.admin_changed"));
        Assert.Equal((reseller.ResellerAdmin.Id, reseller.ResellerAdmin.Email), (entry.ActingUserId, entry.ActingUserEmail));
    }

    private static string SeatPath(ConsultantSeat seat) => $"/settings/consultant-seats/{seat.Id}";

    private async Task EndAsync(SeatsWorld world, Guid seatId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantContext>().Change(await scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantStore>().FindByIdAsync(world.Client.Id)))
        {
            var seating = scope.ServiceProvider.GetRequiredService<Seating>();
            Assert.NotNull(await seating.EndByPlatformAsync(seatId, "test", world.PartnerAdmin.Id));
        }
    }

    private async Task<int> RunSeatJobAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeatEnds>().RunPassAsync(now, CancellationToken.None);
    }
}
