using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.ConsultantSeats;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.ConsultantSeats.SignUp;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// C2: a certified consultant's sign-up link, a public page on the platform host, creates a client
/// with a workspace, the consultant in a consultant seat, the owner invited (accepting sets their
/// password), attributed to the consultant's partner by a link the owner sees and revokes. The
/// consultant makes, renews and revokes it on <c>/consulting</c>; it expires.
/// </summary>
public sealed class SignUpLinksShould(SeatsPortalFactory factory) : PortalTest<SeatsPortalFactory>(factory)
{
    [Fact]
    public async Task MakeRenewAndRevokeTheLinkOnTheConsultingPage()
    {
        var world = await SeatsWorld.CreateAsync(World);
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);
        var (page, document) = await consultant.GetPageAsync("/consulting");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(document.QuerySelector("nav a[href='/consulting']"));
        Assert.Contains("Certified consultant: valid until", document.QuerySelector("ul.certifications")!.TextContent);
        Assert.Null(document.QuerySelector("#sign-up-link"));

        var made = await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RenewLink");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var first = await LinkOnPageAsync(consultant);
        Assert.StartsWith($"http://{PortalFactory.PlatformDomain}/join/", first);
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.sign_up_link_created"));
        using var visitor = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri(first).PathAndQuery)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RenewLink")).StatusCode);
        var second = await LinkOnPageAsync(consultant);
        Assert.NotEqual(first, second);
        var (old, oldPage) = await visitor.GetPageAsync(new Uri(first).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(SignUpLinks.InvalidMessage, oldPage.QuerySelector("[role=alert]")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RevokeLink")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri(second).PathAndQuery)).StatusCode);
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.sign_up_link_revoked"));
        var again = await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RevokeLink");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task CreateAClientWithTheConsultantSeatedTheOwnerInvitedAndThePartnerLinked()
    {
        var world = await SeatsWorld.CreateAsync(World, partnerName: "Affiliate Partners");
        var code = await MakeLinkAsync(world);
        using var visitor = Factory.ClientFor(PortalFactory.PlatformDomain);
        var (form, formPage) = await visitor.GetPageAsync($"/join/{code}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Affiliate Partners", formPage.QuerySelector("main")!.TextContent);
        var slug = TestWorld.UniqueSlug("joined");
        var ownerEmail = $"{slug}@new-client.test";

        var created = await visitor.PostFormAsync($"/join/{code}", new Dictionary<string, string> { ["Name"] = "Joined Dental", ["Slug"] = slug, ["OwnerEmail"] = ownerEmail });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains($"We sent an invitation to {ownerEmail}", await SeatsWorld.TextOfAsync(created, "[role=status]"));
        var client = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == slug));
        Assert.Equal(OrganizationKind.Client, client.Kind);
        var joined = new TestOrganization(client.Id, client.Name, client.Slug, Factory.HostOf(slug));
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.Partner.Id && l.ClientId == client.Id && l.EndedAt == null)));
        var subscription = await World.InTenantAsync(joined, db => db.AccountSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal((Plan.Seeded.FreeId, BillingMode.ClientBilled), (subscription.PlanId, subscription.BillingMode));
        var seat = await World.InTenantAsync(joined, db => db.Set<ConsultantSeat>().AsNoTracking().SingleAsync());
        Assert.Equal((world.Consultant.Id, world.Partner.Id, SeatOrigin.SignUpLink, SeatStatus.Active), (seat.UserId, seat.PartnerId, seat.Origin, seat.Status));
        Assert.Equal("General", await World.InTenantAsync(joined, db => db.Workspaces.Where(w => w.Id == seat.WorkspaceId).Select(w => w.Name).SingleAsync()));
        Assert.Equal(ConsultantSeatsModule.ModuleName, (await SeatsWorld.MembershipAsync(World, joined, world.Consultant))!.ManagedBy);
        Assert.Equal(1, await World.InTenantAsync(world.Partner, db => db.Set<SignUpLink>().Where(l => l.Code == code).Select(l => l.SignUps).SingleAsync()));
        Assert.Single(await SeatsWorld.AuditAsync(World, world.Partner, "consultant.client_signed_up"));
        Assert.Single(await SeatsWorld.AuditAsync(World, joined, "client.signed_up"));

        // The owner's invitation, in the new account's branding: accepting sets their password (and so verifies the address).
        var invitation = await Factory.Smtp.WaitForMessageAsync(ownerEmail);
        Assert.DoesNotContain("Cloudbase", invitation.TextBody);
        var accept = SeatsWorld.LinkIn(invitation, $"http://{joined.Host}/account/accept-invitation?token=");
        using var owner = Factory.ClientFor(joined.Host);
        var accepted = await owner.PostFormAsync(accept, new Dictionary<string, string> { ["DisplayName"] = "New Owner", ["Password"] = TestWorld.Password }, accept);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await World.GlobalAsync(db => db.Users.Where(u => u.NormalizedEmail == ownerEmail.ToUpperInvariant()).Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Equal(OrganizationRole.Owner, (await World.InTenantAsync(joined, db => db.Memberships.AsNoTracking().SingleAsync(m => m.ManagedBy == null))).Role);

        // The owner sees the partner and the consultant, and can revoke the partner's access.
        var (_, access) = await owner.GetPageAsync("/settings/access");
        Assert.Equal("Affiliate Partners", access.QuerySelector("article.partner-access h3")!.TextContent);
        Assert.NotNull(access.QuerySelector($"#consultant-seats tr[data-seat='{seat.Id}']"));
        var revoked = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["partnerId"] = world.Partner.Id.ToString(), ["confirmName"] = "Affiliate Partners" }, "/settings/access/partners?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.ClientId == client.Id && l.EndedAt == null)));
    }

    [Theory]
    [InlineData("email", "not-an-email", "Enter your e-mail address")]
    [InlineData("email", "consultant", "not your consultant's")]
    [InlineData("slug", "Bad Slug!", "Use lower-case letters, digits and hyphens only.")]
    [InlineData("slug", "taken", "is taken")]
    [InlineData("name", "", "Enter a name of at most 200 characters.")]
    public async Task RefuseBadInputOnTheSamePageAndCreateNothing(string field, string value, string message)
    {
        var world = await SeatsWorld.CreateAsync(World);
        var code = await MakeLinkAsync(world);
        var form = new Dictionary<string, string> { ["Name"] = "Refused Dental", ["Slug"] = TestWorld.UniqueSlug("refused"), ["OwnerEmail"] = "owner@refused.test" };
        switch (field)
        {
            case "email": form["OwnerEmail"] = value == "consultant" ? world.Consultant.Email! : value; break;
            case "slug": form["Slug"] = value == "taken" ? world.Client.Slug : value; break;
            default: form["Name"] = value; break;
        }

        var organizations = await World.GlobalAsync(db => db.Organizations.CountAsync());
        using var visitor = Factory.ClientFor(PortalFactory.PlatformDomain);
        var response = await visitor.PostFormAsync($"/join/{code}", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains(message, document.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(form["Name"], document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name")!.Value);
        Assert.Equal(organizations, await World.GlobalAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task RefuseAnExpiredLinkAndOneWhoseConsultantIsNoLongerCertified()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var expired = await MakeLinkAsync(world);
        await World.InTenantAsync(world.Partner, db => db.Set<SignUpLink>().ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        using var visitor = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/join/{expired}")).StatusCode);
        var organizations = await World.GlobalAsync(db => db.Organizations.CountAsync());
        var posted = await visitor.PostFormAsync("/account/signin", new Dictionary<string, string> { ["Name"] = "Late", ["Slug"] = TestWorld.UniqueSlug(), ["OwnerEmail"] = "late@late.test" }, $"/join/{expired}");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);

        var lapsed = await MakeLinkAsync(world);
        await World.InTenantAsync(world.Partner, db => db.Set<ConsultantCertification>().ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTime.UtcNow)));
        var (response, page) = await visitor.GetPageAsync($"/join/{lapsed}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(SignUpLinks.InvalidMessage, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(organizations, await World.GlobalAsync(db => db.Organizations.CountAsync()));

        // Nor can an uncertified consultant make a new one.
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);
        var refused = await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RenewLink");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Only consultants certified with", await SeatsWorld.TextOfAsync(refused, "#form-error"));
    }

    [Fact]
    public async Task AnswerNotFoundOnAnOrganizationsHost()
    {
        var world = await SeatsWorld.CreateAsync(World);
        var code = await MakeLinkAsync(world);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(world.Partner.Host).GetAsync($"/join/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor(world.Client.Host).GetAsync($"/join/{code}")).StatusCode);
    }

    private async Task<string> MakeLinkAsync(SeatsWorld world)
    {
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);
        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RenewLink")).StatusCode);
        return new Uri(await LinkOnPageAsync(consultant)).AbsolutePath["/join/".Length..];
    }

    private static async Task<string> LinkOnPageAsync(PortalClient consultant) =>
        (await consultant.GetPageAsync("/consulting")).Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#sign-up-link")!.Value;
}

/// <summary>C2: the public sign-up page takes only a few sign-ups per client address.</summary>
public sealed class SignUpRateLimitShould(SignUpRateLimitShould.TightFactory factory) : PortalTest<SignUpRateLimitShould.TightFactory>(factory)
{
    public sealed class TightFactory() : PortalFactory(new Dictionary<string, string?> { ["ConsultantSeats:SignUpRateLimit:PermitLimit"] = "2" });

    [Fact]
    public async Task RefuseTheThirdSignUpFromOneAddressWithinTheWindow()
    {
        var world = await SeatsWorld.CreateAsync(World);
        using var consultant = await SeatsWorld.SignedInAsync(Factory, world.Partner.Host, world.Consultant);
        await consultant.PostFormAsync("/consulting", new Dictionary<string, string>(), "/consulting?handler=RenewLink");
        var code = new Uri((await consultant.GetPageAsync("/consulting")).Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#sign-up-link")!.Value).AbsolutePath;
        using var visitor = Factory.ClientFor(PortalFactory.PlatformDomain);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var slug = TestWorld.UniqueSlug("limited");
            answers.Add((await visitor.PostFormAsync(code, new Dictionary<string, string> { ["Name"] = "Limited " + i, ["Slug"] = slug, ["OwnerEmail"] = $"{slug}@limited.test" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(code)).StatusCode); // reading the page is not limited
        Assert.Equal(2, await World.GlobalAsync(db => db.Organizations.CountAsync(o => o.Name.StartsWith("Limited "))));
    }
}
