using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.Deals;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P8: a partner's members register deals on the partner's host and move them through their
/// stages; a second registration of a customer (any partner, names folded) is flagged; platform
/// admins approve or reject with a reason, audited and e-mailed to the partner in its branding; a
/// won, approved deal shows the deal-registration discount. Bad input changes nothing.
/// </summary>
public sealed class DealRegistrationShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    private static Dictionary<string, string> Deal(string customer, string arr = "24,000", string currency = "EUR", string stage = "Qualified", DateOnly? close = null) => new()
    {
        ["Register.Customer"] = customer,
        ["Register.ExpectedArr"] = arr,
        ["Register.Currency"] = currency,
        ["Register.Stage"] = stage,
        ["Register.CloseDate"] = ReviewWorld.Day(close ?? ReviewWorld.Today.AddMonths(2)),
    };

    private static Task<HttpResponseMessage> RegisterAsync(PortalClient client, Dictionary<string, string> form) =>
        client.PostFormAsync("/program/deals", form, "/program/deals?handler=Register");

    [Fact]
    public async Task RegisterADealAndFlagAnotherPartnersRegistrationOfTheSameCustomer()
    {
        var world = await ReviewWorld.CreateAsync(World);
        var customer = $"Contoso Retail {Guid.NewGuid():N}"[..30];
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        var (page, document) = await member.GetPageAsync("/program/deals");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(document.QuerySelector("nav a[href='/program/deals']"));

        var first = await RegisterAsync(member, Deal(customer + ", Inc."));
        Assert.Contains("is registered and waits for the platform's review", await ReviewWorld.NoticeAfterAsync(member, first));
        var mine = Assert.Single(await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().ToListAsync()));
        Assert.Equal((24_000m, "EUR", DealStage.Qualified, DealReview.Pending, false, world.Member.Id), (mine.ExpectedArr, mine.Currency, mine.Stage, mine.Review, mine.PossibleDuplicate, mine.RegisteredByUserId));
        Assert.Contains(customer, Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.deal_registered")));

        // The other partner spells the customer its own way: still the same customer.
        using var other = await ReviewWorld.SignedInAsync(Factory, world.OtherPartner.Host, world.OtherOwner);
        var second = await RegisterAsync(other, Deal("  " + customer.ToUpperInvariant().Replace(" ", "  ") + " GmbH.", "1000", "usd"));
        Assert.Contains("was registered before", await ReviewWorld.NoticeAfterAsync(other, second));
        var theirs = Assert.Single(await World.InTenantAsync(world.OtherPartner, db => db.Set<DealRegistration>().AsNoTracking().ToListAsync()));
        Assert.True(theirs.PossibleDuplicate);
        Assert.Equal("USD", theirs.Currency);
        var (_, otherPage) = await other.GetPageAsync("/program/deals");
        var row = Assert.Single(otherPage.QuerySelectorAll("table.deals tbody tr"));
        Assert.NotNull(row.QuerySelector(".duplicate"));
        // The partner learns that someone registered the customer, never who.
        Assert.DoesNotContain(world.Partner.Name, otherPage.QuerySelector("main")!.TextContent);

        using var platform = await world.PlatformAsync(Factory);
        var (_, review) = await platform.GetPageAsync("/platform/program/deals");
        var theirRow = review.QuerySelector($"tr[data-deal='{theirs.Id}']")!;
        Assert.Contains(world.Partner.Name, theirRow.QuerySelector(".same-customer")!.TextContent);
    }

    public static TheoryData<string, string, string, string, int, string> BadDeals => new()
    {
        { "", "1000", "EUR", "Qualified", 30, "Enter the customer's name" },
        { "Fine Customer", "-5", "EUR", "Qualified", 30, "cannot be negative" },
        { "Fine Customer", "0", "EUR", "Qualified", 30, "must be more than zero" },
        { "Fine Customer", "1000000000.01", "EUR", "Qualified", 30, "must be at most" },
        { "Fine Customer", "lots", "EUR", "Qualified", 30, "as a number" },
        { "Fine Customer", "10.5", "JPY", "Qualified", 30, "at most 0 decimals" },
        { "Fine Customer", "1000", "XYZ", "Qualified", 30, "three-letter ISO code" },
        { "Fine Customer", "1000", "", "Qualified", 30, "three-letter ISO code" },
        { "Fine Customer", "1000", "EUR", "Closed", 30, "Choose the deal's stage" },
        { "Fine Customer", "1000", "EUR", "3", 30, "Choose the deal's stage" },
        { "Fine Customer", "1000", "EUR", "Proposal", -1, "An open deal closes today or later" },
        { "Fine Customer", "1000", "EUR", "Won", 3650, "within five years" },
    };

    [Theory]
    [MemberData(nameof(BadDeals))]
    public async Task RefuseABadRegistrationOnThePageAndRegisterNothing(string customer, string arr, string currency, string stage, int closeInDays, string message)
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);

        var response = await RegisterAsync(member, Deal(customer, arr, currency, stage, ReviewWorld.Today.AddDays(closeInDays)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains(message, document.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(arr, document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#deal-arr")!.Value);
        Assert.Equal(0, await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().CountAsync()));
        Assert.Empty(await ReviewWorld.AuditAsync(World, world.Partner, "program.deal"));
    }

    [Fact]
    public async Task ApproveAWonDealMailThePartnerInItsBrandingAndShowTheDiscount()
    {
        var world = await ReviewWorld.CreateAsync(World, "Branded Deals Partner");
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await RegisterAsync(member, Deal("Alpine Ski House", "36,000", "USD")));
        var deal = await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync());

        // Won before the review: the discount waits for the approval.
        var won = await member.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Won", ["closeDate"] = ReviewWorld.Day(ReviewWorld.Today) }, "/program/deals?handler=Stage");
        Assert.Contains("Once the platform approves it, it earns the deal-registration discount.", await ReviewWorld.NoticeAfterAsync(member, won));
        var (_, before) = await member.GetPageAsync("/program/deals");
        Assert.Null(before.QuerySelector("table.deals .discount"));

        using var platform = await world.PlatformAsync(Factory);
        var approved = await platform.PostFormAsync("/platform/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["reason"] = "" }, "/platform/program/deals?handler=Approve");
        Assert.Contains("is approved", await ReviewWorld.NoticeAfterAsync(platform, approved));

        var stored = await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync());
        Assert.Equal((DealReview.Approved, world.PlatformAdmin.Id, DealStage.Won), (stored.Review, stored.ReviewedByUserId, stored.Stage));
        Assert.NotNull(stored.WonAt);
        var audit = Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.deal_approved"));
        Assert.Contains("Alpine Ski House", audit);

        var (_, after) = await member.GetPageAsync("/program/deals");
        Assert.Equal("Earns the deal-registration discount: 10 % (3,600.00 USD a year)", after.QuerySelector("table.deals .discount")!.TextContent);

        // The partner's admins and the member who registered it, each once, in the partner's branding.
        foreach (var person in new[] { world.Owner, world.Admin, world.Member })
        {
            var mail = await Factory.Smtp.WaitForMessageAsync(person.Email!, m => m.Subject == "Your deal with Alpine Ski House is approved");
            Assert.Equal("Branded Deals Partner", mail.From.Mailboxes.Single().Name);
            Assert.Contains("deal-registration discount of 10 %", mail.TextBody);
            Assert.Contains($"{world.Partner.Host}/program/deals", mail.TextBody);
        }

        // Decided once: a second decision changes nothing.
        var again = await platform.PostFormAsync("/platform/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["reason"] = "Changed my mind" }, "/platform/program/deals?handler=Reject");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("was approved already", await ReviewWorld.TextOfAsync(again, "#form-error"));
        Assert.Equal(DealReview.Approved, (await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync())).Review);

        // A closed deal keeps its stage.
        var reopen = await member.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Qualified", ["closeDate"] = ReviewWorld.Day(ReviewWorld.Today.AddDays(9)) }, "/program/deals?handler=Stage");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reopen.StatusCode);
        Assert.Equal(DealStage.Won, (await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync())).Stage);
    }

    [Fact]
    public async Task RejectOnlyWithAReasonThePartnerReads()
    {
        var world = await ReviewWorld.CreateAsync(World, "Rejected Deals Partner");
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await RegisterAsync(member, Deal("Tailspin Toys Ltd")));
        var deal = await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync());
        using var platform = await world.PlatformAsync(Factory);

        var noReason = await platform.PostFormAsync("/platform/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["reason"] = "  " }, "/platform/program/deals?handler=Reject");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Give the reason for the rejection", await ReviewWorld.TextOfAsync(noReason, "#form-error"));
        Assert.Equal(DealReview.Pending, (await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync())).Review);
        var forged = await platform.PostFormAsync("/platform/program/deals", new Dictionary<string, string> { ["dealId"] = Guid.NewGuid().ToString(), ["reason"] = "x" }, "/platform/program/deals?handler=Reject");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        var rejected = await platform.PostFormAsync("/platform/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["reason"] = "Tailspin buys directly from the platform." }, "/platform/program/deals?handler=Reject");
        Assert.Contains("is rejected", await ReviewWorld.NoticeAfterAsync(platform, rejected));
        Assert.Contains("Tailspin buys directly from the platform.", Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.deal_rejected")));
        var mail = await Factory.Smtp.WaitForMessageAsync(world.Owner.Email!, m => m.Subject == "Your deal with Tailspin Toys Ltd was not approved");
        Assert.Contains("The reason: Tailspin buys directly from the platform.", mail.TextBody);
        Assert.Equal("Rejected Deals Partner", mail.From.Mailboxes.Single().Name);

        var (_, page) = await member.GetPageAsync("/program/deals");
        Assert.Contains("Tailspin buys directly from the platform.", page.QuerySelector("table.deals .review")!.TextContent);
        var move = await member.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Proposal", ["closeDate"] = "" }, "/program/deals?handler=Stage");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, move.StatusCode);
        Assert.Contains("was rejected", await ReviewWorld.TextOfAsync(move, "#form-error"));
    }

    [Fact]
    public async Task MoveOwnDealsThroughTheirStagesAndNeverAnotherPartners()
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await RegisterAsync(member, Deal("Stage Mover")));
        var deal = await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync());
        var later = ReviewWorld.Today.AddMonths(4);

        var moved = await member.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Negotiation", ["closeDate"] = ReviewWorld.Day(later) }, "/program/deals?handler=Stage");
        Assert.Contains($"is now in negotiation, closing {ReviewWorld.Day(later)}", await ReviewWorld.NoticeAfterAsync(member, moved));
        Assert.Contains("Qualified → In negotiation", Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.deal_stage_changed")));
        var bad = await member.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Sideways", ["closeDate"] = ReviewWorld.Day(later) }, "/program/deals?handler=Stage");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);

        // Another partner's member names the deal's id on its own host: nothing there, nothing changes.
        using var other = await ReviewWorld.SignedInAsync(Factory, world.OtherPartner.Host, world.OtherOwner);
        var forged = await other.PostFormAsync("/program/deals", new Dictionary<string, string> { ["dealId"] = deal.Id.ToString(), ["stage"] = "Lost", ["closeDate"] = ReviewWorld.Day(later) }, "/program/deals?handler=Stage");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var (_, otherPage) = await other.GetPageAsync("/program/deals");
        Assert.Empty(otherPage.QuerySelectorAll("table.deals tbody tr"));
        var stored = await World.InTenantAsync(world.Partner, db => db.Set<DealRegistration>().AsNoTracking().SingleAsync());
        Assert.Equal((DealStage.Negotiation, later), (stored.Stage, stored.CloseDate));
    }
}
