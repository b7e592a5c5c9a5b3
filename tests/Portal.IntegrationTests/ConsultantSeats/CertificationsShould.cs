using AngleSharp.Dom;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// C1: platform admins grant, renew and revoke certifications on <c>/platform/consultants</c>,
/// audited in the partner's log; the job tells the consultant 30 days before and on the lapse, once
/// each, in the partner's branding; a lapsed or revoked certification keeps seats but takes no new one.
/// </summary>
public sealed class CertificationsShould(SeatsPortalFactory factory) : PortalTest<SeatsPortalFactory>(factory)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task GrantAndRenewOnThePlatformPageAuditedInThePartnersLog()
    {
        var world = await SeatsWorld.CreateAsync(World, certified: false);
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await SeatsWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        var (page, document) = await platform.GetPageAsync("/platform/consultants");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(document.QuerySelector("nav a[href='/platform/consultants']"));
        Assert.Contains(document.QuerySelectorAll("#grant-partner option"), o => o.TextContent == world.Partner.Name);
        Assert.DoesNotContain(document.QuerySelectorAll("#grant-partner option"), o => o.TextContent == world.Client.Name);

        var until = SeatsWorld.Today.AddMonths(6);
        var granted = await platform.PostFormAsync("/platform/consultants", Grant(world, until), "/platform/consultants?handler=Grant");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var (_, after) = await platform.GetPageAsync(granted.Headers.Location!.OriginalString);
        Assert.Contains($"is certified ({SeatsWorld.Level}) with {world.Partner.Name} until {Day(until)}", after.QuerySelector("main .notice")!.TextContent);
        var row = after.QuerySelectorAll("table.certifications tbody tr").Single(r => r.TextContent.Contains(world.Consultant.Email!));
        Assert.Equal($"Valid until {Day(until)}", row.QuerySelector(".state")!.TextContent);

        var certification = await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().AsNoTracking().SingleAsync(c => c.UserId == world.Consultant.Id));
        Assert.Equal(until, certification.ValidUntil);
        Assert.Equal(admin.Id, certification.GrantedByUserId);
        var audit = Assert.Single(await SeatsWorld.AuditEntriesAsync(World, world.Partner, "consultant.certified"));
        Assert.Equal(admin.Id, audit.UserId);
        Assert.Contains(world.Consultant.Email!, audit.Detail);
        // A module's platform page without its own platform entry still lands in the platform audit (A1).
        var platformEntry = Assert.Single(await World.GlobalAsync(db => db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(a => a.UserId == admin.Id && a.Action != "signin.succeeded").ToListAsync()));
        Assert.Equal("platform.action", platformEntry.Action);
        Assert.Contains("/platform/consultants (Grant): ", platformEntry.Detail);
        Assert.Contains(world.Consultant.Email!, platformEntry.Detail);

        // Certified again at the same level: the one certification runs longer.
        var later = until.AddYears(1);
        Assert.Equal(HttpStatusCode.Redirect, (await platform.PostFormAsync("/platform/consultants", Grant(world, later), "/platform/consultants?handler=Grant")).StatusCode);
        var all = await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().AsNoTracking().Where(c => c.UserId == world.Consultant.Id).ToListAsync());
        Assert.Equal(later, Assert.Single(all).ValidUntil);
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.certification_renewed"));
    }

    public static TheoryData<string, string, string> BadGrants => new()
    {
        { "email", "not-an-email", "Enter the consultant's e-mail address." },
        { "email", "nobody-here@people.test", "No one has an account with nobody-here@people.test" },
        { "partner", "client", "Choose the partner organization the consultant works for." },
        { "partner", "other", "is not an active member of" },
        { "level", "", "Enter the level or product" },
        { "level", new string('x', 101), "Enter the level or product" },
        { "until", "31/12/2030", "Enter the expiry date as a date" },
        { "until", "yesterday", "Choose an expiry date from today on" },
        { "until", "in eleven years", "Choose an expiry date within ten years." },
    };

    [Theory]
    [MemberData(nameof(BadGrants))]
    public async Task RefuseABadGrantWithAMessageOnThePageAndCertifyNobody(string field, string value, string message)
    {
        var world = await SeatsWorld.CreateAsync(World, certified: false);
        var other = await World.CreateOrganizationAsync("Other Partner", OrganizationKind.Partner);
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await SeatsWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        var form = Grant(world, SeatsWorld.Today.AddYears(1));
        switch (field)
        {
            case "email": form["Grant.Email"] = value; break;
            case "partner": form["Grant.PartnerId"] = (value == "client" ? world.Client.Id : other.Id).ToString(); break;
            case "level": form["Grant.Level"] = value; break;
            default:
                form["Grant.ValidUntil"] = value switch
                {
                    "yesterday" => Day(SeatsWorld.Today.AddDays(-1)),
                    "in eleven years" => Day(SeatsWorld.Today.AddYears(11)),
                    _ => value,
                };
                break;
        }

        var response = await platform.PostFormAsync("/platform/consultants", form, "/platform/consultants?handler=Grant");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains(message, document.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(form["Grant.Level"], document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#grant-level")!.Value);
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).CountAsync(c => c.UserId == world.Consultant.Id)));
    }

    [Fact]
    public async Task RevokeWithAReasonKeepTheSeatsAndShowTheOwnerTheLapse()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var seat = await world.SeatAsync(Factory);
        var certification = await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().SingleAsync(c => c.UserId == world.Consultant.Id));
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await SeatsWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);

        var noReason = await platform.PostFormAsync("/platform/consultants", new Dictionary<string, string> { ["certificationId"] = certification.Id.ToString(), ["reason"] = " " }, "/platform/consultants?handler=Revoke");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Give a reason", await SeatsWorld.TextOfAsync(noReason, "#form-error"));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PostFormAsync("/platform/consultants", new Dictionary<string, string> { ["certificationId"] = Guid.NewGuid().ToString(), ["reason"] = "x" }, "/platform/consultants?handler=Revoke")).StatusCode);

        var revoked = await platform.PostFormAsync("/platform/consultants", new Dictionary<string, string> { ["certificationId"] = certification.Id.ToString(), ["reason"] = "Failed the renewal exam" }, "/platform/consultants?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull((await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().AsNoTracking().SingleAsync(c => c.Id == certification.Id))).RevokedAt);
        Assert.Contains("Failed the renewal exam", Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.certification_revoked")));

        // The seat keeps working; its owner sees the lapse.
        Assert.Equal(SeatStatus.Active, (await SeatsWorld.SeatRowAsync(World, world.Client, seat.Id)).Status);
        Assert.Null((await SeatsWorld.MembershipAsync(World, world.Client, world.Consultant))!.DeactivatedAt);
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.Consultant);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/dashboard")).StatusCode);
        using var owner = await SeatsWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var (_, seats) = await owner.GetPageAsync("/settings/consultant-seats");
        Assert.StartsWith("Certification revoked on", seats.QuerySelector($"tr[data-seat='{seat.Id}'] .certification")!.TextContent);

        // And no new seat: another client's seat cannot be taken.
        var other = await World.CreateOrganizationAsync("Another Clinic");
        await using var scope = Factory.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantContext>().Change(await scope.ServiceProvider.GetRequiredService<PartnerPortal.Tenancy.ITenantStore>().FindByIdAsync(other.Id)))
        {
            var (taken, error) = await scope.ServiceProvider.GetRequiredService<Seating>().TakeAsync(await SeatsWorld.WorkspaceOfAsync(World, other), world.Consultant, world.Partner.Id, SeatOrigin.Invitation);
            Assert.Null(taken);
            Assert.Contains("is not a certified consultant", error);
        }
    }

    [Fact]
    public async Task RemindThirtyDaysBeforeAndTellOfTheLapseOnceEachInThePartnersBranding()
    {
        var world = await SeatsWorld.CreateAsync(World, certified: false, partnerName: "Reminding Partners");
        var until = SeatsWorld.Today.AddDays(40);
        var certification = await SeatsWorld.CertifyAsync(World, world.Partner, world.Consultant, until, "Solutions builder");
        var start = DateTime.UtcNow;

        Assert.Equal(new CertificationPass(0, 0), await RunPassAsync(start));
        Assert.Null((await CertificationOfAsync(world, certification.Id)).ReminderSentAt);

        // 29 days before the end, twice: one reminder.
        await RunPassAsync(start.AddDays(11));
        await RunPassAsync(start.AddDays(11).AddHours(1));
        var reminder = await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == $"Your certification (Solutions builder) ends on {Day(until)}");
        Assert.Equal("Reminding Partners", reminder.From.Mailboxes.Single().Name);
        Assert.Contains("#4338CA", reminder.HtmlBody);
        Assert.Contains($"{world.Partner.Host}/consulting", reminder.TextBody);
        Assert.NotNull((await CertificationOfAsync(world, certification.Id)).ReminderSentAt);

        // The day after the last valid day, twice: one notice of the lapse.
        await RunPassAsync(start.AddDays(41));
        await RunPassAsync(start.AddDays(42));
        await Factory.Smtp.WaitForMessageAsync(world.Consultant.Email!, m => m.Subject == "Your certification (Solutions builder) has lapsed");
        Assert.Single(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == world.Consultant.Email) && (m.Subject ?? string.Empty).StartsWith("Your certification (Solutions builder) ends", StringComparison.Ordinal));
        Assert.Single(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == world.Consultant.Email) && (m.Subject ?? string.Empty).EndsWith("has lapsed", StringComparison.Ordinal));
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.certification_reminder_sent"));
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.certification_lapsed"));
    }

    [Fact]
    public async Task TellNothingOfARevokedCertificationNorOfOneWhosePartnerSwitchedTheModuleOff()
    {
        var world = await SeatsWorld.CreateAsync(World, certified: false);
        var revoked = await SeatsWorld.CertifyAsync(World, world.Partner, world.Consultant, SeatsWorld.Today.AddDays(5));
        await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().Where(c => c.Id == revoked.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTime.UtcNow)));
        var off = await SeatsWorld.CreateAsync(World, certified: false, partnerName: "Switched Off Partners");
        var quiet = await SeatsWorld.CertifyAsync(World, off.Partner, off.Consultant, SeatsWorld.Today.AddDays(5));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PartnerPortal.Modularity.ModuleSettings>().SaveAsync(off.Partner.Id, new Dictionary<string, bool?> { ["ConsultantSeats"] = false });
        }

        await RunPassAsync(DateTime.UtcNow);

        Assert.Null((await CertificationOfAsync(world, revoked.Id)).ReminderSentAt);
        Assert.Null((await CertificationOfAsync(off, quiet.Id)).ReminderSentAt);
    }

    [Fact]
    public async Task SetTheSeatPolicyOnThePlatformPageAndRefuseWhatIsNotANumberOfDays()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await SeatsWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        foreach (var bad in new[] { "-1", "two weeks", "366", "" })
        {
            var refused = await platform.PostFormAsync("/platform/consultants", new Dictionary<string, string> { ["NoticeDays"] = bad }, "/platform/consultants?handler=Policy");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("whole number of days", await SeatsWorld.TextOfAsync(refused, "#form-error"));
        }

        var saved = await platform.PostFormAsync("/platform/consultants", new Dictionary<string, string> { ["NoticeDays"] = "7" }, "/platform/consultants?handler=Policy");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await platform.GetPageAsync("/platform/consultants");
        Assert.Contains("ends after 7 days' notice", page.QuerySelector("#policy-now")!.TextContent);
        Assert.Equal("7", await World.GlobalAsync(db => new PartnerPortal.Modularity.PlatformSettings(db, TimeProvider.System).GetAsync(SeatPolicy.NoticeDaysKey)));
        await SeatsWorld.SetNoticeDaysAsync(World, SeatRules.DefaultNoticeDays);
    }

    private static Dictionary<string, string> Grant(SeatsWorld world, DateOnly until) => new()
    {
        ["Grant.Email"] = world.Consultant.Email!,
        ["Grant.PartnerId"] = world.Partner.Id.ToString(),
        ["Grant.Level"] = SeatsWorld.Level,
        ["Grant.ValidUntil"] = Day(until),
    };

    private Task<ConsultantCertification> CertificationOfAsync(SeatsWorld world, Guid id) =>
        World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().AsNoTracking().SingleAsync(c => c.Id == id));

    private async Task<CertificationPass> RunPassAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationReminders>().RunPassAsync(now, CancellationToken.None);
    }
}
