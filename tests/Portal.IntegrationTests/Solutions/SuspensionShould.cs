using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Automation;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>
/// C9: the consultant who built a solution suspends it read-only, with automations stopped, or
/// fully blocked, with a reason, and reactivates it. Its people see a notice naming the consultant;
/// records are never deleted or changed; automations wait and nothing is lost; the owners are
/// e-mailed in the organization's branding; no one else lifts it while the consultant holds a seat.
/// </summary>
public sealed class SuspensionShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    private const string MarkDone = """{ "key": "done", "name": "Mark done", "table": "patients", "trigger": "created", "action": { "type": "setField", "field": "status", "value": "Done" } }""";

    private const string Reason = "Invoice NW-2026-0007 is 30 days overdue.";

    private sealed record Setup(TestOrganization Org, PortalUser Owner, PortalUser Consultant, PortalUser Member, Guid Solution, Guid Record);

    private async Task<Setup> SetUpAsync(string? rules = null)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Suspended Dental");
        var consultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, org, consultant);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Recall reminders", rules), builtBy: consultant.Id);
        var member = await SolutionWorld.AssignedMemberAsync(World, org, solution);
        using var ownerClient = await SolutionWorld.SignedInAsync(Factory, org, owner);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.PostFormAsync($"/solutions/{solution}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada", ["f.status"] = "Booked" })).StatusCode);
        var record = await World.InTenantAsync(org, db => db.Set<SolutionRecord>().Select(r => r.Id).SingleAsync());
        return new Setup(org, owner, consultant, member, solution, record);
    }

    private static async Task<HttpResponseMessage> SuspendAsync(PortalClient client, Guid solution, string mode, string reason = Reason)
    {
        var page = $"/solutions/{solution}/suspension";
        return await client.PostFormAsync(page, new Dictionary<string, string> { ["Mode"] = mode, ["Reason"] = reason }, $"{page}?handler=Suspend");
    }

    [Fact]
    public async Task RefuseEveryWriteWhileReadOnlyAndTellEveryoneWhy()
    {
        var setup = await SetUpAsync();
        var before = await ValuesAsync(setup);
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        var suspended = await SuspendAsync(consultant, setup.Solution, "ReadOnly");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("is suspended (read-only)", (await consultant.GetPageAsync(suspended.Headers.Location!.OriginalString)).Document.QuerySelector("[role=status]")!.TextContent);

        // The owner is e-mailed, in the organization's name, with the consultant's reason and contact.
        var mail = await Factory.Smtp.WaitForMessageAsync(setup.Owner.Email!, m => m.Subject?.Contains("suspended", StringComparison.Ordinal) == true);
        Assert.Equal("Recall reminders is suspended (read-only)", mail.Subject);
        Assert.Equal("Suspended Dental", mail.From.Mailboxes.Single().Name);
        Assert.Contains(Reason, mail.TextBody);
        Assert.Contains(setup.Consultant.Email!, mail.TextBody);
        Assert.Contains($"/solutions/{setup.Solution}", mail.TextBody);

        using var member = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Member);
        var (open, page) = await member.GetPageAsync($"/solutions/{setup.Solution}");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var notice = page.QuerySelector("#suspension-notice")!.TextContent;
        Assert.Contains("suspended: read-only", notice);
        Assert.Contains(Reason, notice);
        Assert.Contains(setup.Consultant.DisplayName!, notice);
        Assert.Contains(setup.Consultant.Email!, notice);
        Assert.Null(page.QuerySelector($"a[href='/solutions/{setup.Solution}/tables/patients/record']"));

        var record = $"/solutions/{setup.Solution}/tables/patients/record/{setup.Record}";
        var writes = new (PortalClient Who, string Path, Dictionary<string, string> Fields)[]
        {
            (member, $"/solutions/{setup.Solution}/tables/patients/record", new() { ["f.name"] = "New" }),
            (member, record, new() { ["f.name"] = "Changed" }),
            (member, $"{record}?handler=Delete", new()),
            (member, $"/solutions/{setup.Solution}/tables/patients/import?handler=Import", new() { ["run"] = Guid.NewGuid().ToString() }),
        };
        using var owner = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Owner);
        writes =
        [
            .. writes,
            (owner, $"/solutions/{setup.Solution}/builder?handler=AddTable", new() { ["name"] = "Sneaky" }),
            (owner, $"/solutions/{setup.Solution}/manage?handler=Publish", new()),
            (owner, $"/solutions/{setup.Solution}/manage?handler=Details", new() { ["name"] = "Renamed" }),
        ];
        foreach (var (who, path, fields) in writes)
        {
            var refused = await who.PostFormAsync($"/solutions/{setup.Solution}", fields, path);
            Assert.True(refused.StatusCode == HttpStatusCode.Locked, $"{path}: {refused.StatusCode}");
            var refusal = await PortalClient.ParseAsync(refused);
            Assert.Contains("read-only while it is suspended: nothing was saved", refusal.QuerySelector("#suspension-refusal")!.TextContent);
            Assert.NotNull(refusal.QuerySelector("#suspension-notice"));
        }

        Assert.Equal(before, await ValuesAsync(setup));
        var solution = await World.InTenantAsync(setup.Org, db => db.Set<Solution>().SingleAsync());
        Assert.Equal(("Recall reminders", 1), (solution.Name, solution.CurrentVersion));
        Assert.DoesNotContain("Sneaky", solution.DraftJson);
        var audit = await World.InTenantAsync(setup.Org, db => db.AuditEntries.SingleAsync(a => a.Action == "solution.suspended"));
        Assert.Equal((setup.Consultant.Email, $"Recall reminders: read-only. Reason: {Reason}"), (audit.UserEmail, audit.Detail));
    }

    [Fact]
    public async Task ShowOnlyTheNoticeWhileFullyBlockedToEveryoneButTheConsultant()
    {
        var setup = await SetUpAsync();
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        Assert.Equal(HttpStatusCode.Redirect, (await SuspendAsync(consultant, setup.Solution, "Blocked")).StatusCode);

        using var member = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Member);
        using var owner = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Owner);
        foreach (var (who, path) in new[] { (member, ""), (member, "/tables/patients"), (member, $"/tables/patients/record/{setup.Record}"), (owner, "/builder"), (owner, "/manage"), (owner, "/versions") })
        {
            var (response, page) = await who.GetPageAsync($"/solutions/{setup.Solution}{path}");
            Assert.True(response.StatusCode == HttpStatusCode.Locked, $"{path}: {response.StatusCode}");
            Assert.Contains("suspended: fully blocked", page.QuerySelector("#suspension-notice")!.TextContent);
            Assert.Null(page.QuerySelector("table.records"));
            Assert.DoesNotContain("Ada", page.QuerySelector("main")!.TextContent);
        }

        // Lists still name it, marked, so people know where it went.
        Assert.Contains("Suspended: fully blocked", (await member.GetPageAsync("/solutions")).Document.QuerySelector("ul.solutions")!.TextContent);
        Assert.Contains("suspended", (await member.GetPageAsync("/dashboard")).Document.QuerySelector(".app-list")!.TextContent);

        var (own, ownPage) = await consultant.GetPageAsync($"/solutions/{setup.Solution}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Ada", ownPage.QuerySelector("table.records")!.TextContent);
        Assert.Contains("You suspended it", ownPage.QuerySelector("#suspension-notice")!.TextContent);
    }

    [Fact]
    public async Task HoldAutomationsWhileStoppedAndRunThemOnceReactivated()
    {
        var setup = await SetUpAsync(MarkDone);
        await WaitForAsync(setup, "Done", "the rule of the record made before the suspension");
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        Assert.Equal(HttpStatusCode.Redirect, (await SuspendAsync(consultant, setup.Solution, "AutomationsStopped")).StatusCode);

        // People keep working with records…
        using var member = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Member);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync($"/solutions/{setup.Solution}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Bram", ["f.status"] = "Booked" })).StatusCode);
        // …while their rule waits: a pass of the runner leaves it queued, untouched.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RuleRunner>().RunAsync(CancellationToken.None);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // the scheduled runner had its turns too
        var waiting = await World.InTenantAsync(setup.Org, db => db.Set<RuleRun>().Where(r => r.DoneAt == null).ToListAsync());
        Assert.Equal((0, (string?)null), (waiting.Single().Attempts, waiting.Single().Error));
        Assert.Contains("\"Booked\"", await World.InTenantAsync(setup.Org, db => db.Set<SolutionRecord>().Where(r => r.ValuesJson.Contains("Bram")).Select(r => r.ValuesJson).SingleAsync()));

        var reactivated = await consultant.PostFormAsync($"/solutions/{setup.Solution}/suspension", new Dictionary<string, string>(), $"/solutions/{setup.Solution}/suspension?handler=Reactivate");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        await WaitForAsync(setup, "Done", "the rule that waited");
        var mail = await Factory.Smtp.WaitForMessageAsync(setup.Owner.Email!, m => m.Subject?.Contains("working again", StringComparison.Ordinal) == true);
        Assert.Contains("automations stopped before", mail.TextBody);
        Assert.Null(await World.InTenantAsync(setup.Org, db => db.Set<Solution>().Select(s => s.Suspension).SingleAsync()));
        Assert.Contains("solution.reactivated", await World.InTenantAsync(setup.Org, db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task LetNoOneElseLiftItWhileTheConsultantHoldsTheirSeat()
    {
        var setup = await SetUpAsync();
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        await SuspendAsync(consultant, setup.Solution, "ReadOnly");
        var otherConsultant = await World.CreateUserAsync();
        await SolutionWorld.ConsultantSeatAsync(World, setup.Org, otherConsultant);
        await World.InTenantAsync(setup.Org, db =>
        {
            db.Add(new SolutionAssignment { SolutionId = setup.Solution, UserId = otherConsultant.Id });
            return db.SaveChangesAsync();
        });

        using var owner = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Owner);
        using var member = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Member);
        using var other = await SolutionWorld.SignedInAsync(Factory, setup.Org, otherConsultant);
        var page = $"/solutions/{setup.Solution}/suspension";
        foreach (var who in new[] { owner, member, other })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await who.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.PostFormAsync($"/solutions/{setup.Solution}", new Dictionary<string, string>(), $"{page}?handler=Reactivate")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.PostFormAsync($"/solutions/{setup.Solution}", new Dictionary<string, string> { ["Mode"] = "Blocked", ["Reason"] = "mine" }, $"{page}?handler=Suspend")).StatusCode);
        }

        Assert.Equal(SuspensionMode.ReadOnly, await World.InTenantAsync(setup.Org, db => db.Set<Solution>().Select(s => s.Suspension).SingleAsync()));
        Assert.DoesNotContain("Suspend", (await owner.GetPageAsync($"/solutions/{setup.Solution}")).Document.QuerySelector("nav[aria-label=Solution]")!.TextContent);

        // Once the consultant's seat has ended, the client is not locked out: its admins may lift it.
        await World.InTenantAsync(setup.Org, db => db.Memberships.Where(m => m.UserId == setup.Consultant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=Reactivate")).StatusCode);
        Assert.Null(await World.InTenantAsync(setup.Org, db => db.Set<Solution>().Select(s => s.Suspension).SingleAsync()));
        Assert.Equal(setup.Owner.Email, await World.InTenantAsync(setup.Org, db => db.AuditEntries.Where(a => a.Action == "solution.reactivated").Select(a => a.UserEmail).SingleAsync()));
    }

    public static TheoryData<string, string, string> BadSuspensions() => new()
    {
        { "", Reason, "Choose how to suspend it" },
        { "Forever", Reason, "Choose how to suspend it" },
        { "ReadOnly", "", "Give a reason" },
        { "ReadOnly", new string('x', 501), "Keep the reason under 500 characters." },
    };

    [Theory]
    [MemberData(nameof(BadSuspensions))]
    public async Task RefuseAMissingModeOrReasonOnTheSamePageAndChangeNothing(string mode, string reason, string message)
    {
        var setup = await SetUpAsync();
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        var refused = await SuspendAsync(consultant, setup.Solution, mode, reason);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains(message, page.QuerySelector("#suspension-error")!.TextContent);
        Assert.Equal(reason, page.QuerySelector("#reason")!.TextContent);
        Assert.Null(await World.InTenantAsync(setup.Org, db => db.Set<Solution>().Select(s => s.Suspension).SingleAsync()));
        Assert.Equal(0, await World.InTenantAsync(setup.Org, db => db.Outbox.CountAsync(m => m.Template == "solution-suspended")));
    }

    [Fact]
    public async Task SuspendNothingOfAnotherOrganizationAndBeLinkedByPurpose()
    {
        var setup = await SetUpAsync();
        var (other, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        // The same consultant is named as its builder, but holds no seat there.
        var theirs = await SolutionWorld.CreateSolutionAsync(Factory, other, builtBy: setup.Consultant.Id);
        using var consultant = await SolutionWorld.SignedInAsync(Factory, setup.Org, setup.Consultant);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/solutions/{theirs}/suspension")).StatusCode);
        var forged = await consultant.PostFormAsync($"/solutions/{setup.Solution}/suspension", new Dictionary<string, string> { ["Mode"] = "Blocked", ["Reason"] = Reason }, $"/solutions/{theirs}/suspension?handler=Suspend");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Null(await World.InTenantAsync(other, db => db.Set<Solution>().Select(s => s.Suspension).SingleAsync()));

        // The kernel links to this page by purpose (e.g. from another module's e-mail).
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantStore>().FindByIdAsync(setup.Org.Id);
        var path = scope.ServiceProvider.GetRequiredService<ShellCatalog>().LinkFor(LinkPurposes.SolutionSuspension, tenant!, new Dictionary<string, string> { ["solutionId"] = setup.Solution.ToString() });
        Assert.Equal($"/solutions/{setup.Solution}/suspension", path);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync(path!)).StatusCode);
    }

    private Task<string> ValuesAsync(Setup setup) =>
        World.InTenantAsync(setup.Org, async db => string.Join("|", await db.Set<SolutionRecord>().OrderBy(r => r.Id).Select(r => r.ValuesJson).ToListAsync()));

    private async Task WaitForAsync(Setup setup, string status, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var values = await World.InTenantAsync(setup.Org, db => db.Set<SolutionRecord>().Select(r => r.ValuesJson).ToListAsync());
            if (values.All(v => v.Contains($"\"{status}\"", StringComparison.Ordinal))) return;
            await Task.Delay(200);
        }

        Assert.Fail($"{what} did not run.");
    }
}
