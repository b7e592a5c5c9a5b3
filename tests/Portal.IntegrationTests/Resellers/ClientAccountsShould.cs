using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R2, R9, R12: a reseller creates, detaches, deletes and hands over client accounts; mail arrives at a real SMTP server.</summary>
public sealed class ClientAccountsShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task CreateAClientOnTheFreePlanAndInviteItsAdminInTheResellersBranding()
    {
        var reseller = await World.CreateOrganizationAsync("Brand Reseller", OrganizationKind.Partner, configure: o =>
        {
            o.Branding.ClientTheme = "bold";
            o.Branding.SupportEmail = "help@brand-reseller.test";
        });
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, admin, OrganizationRole.Admin);
        using var client = await Factory.SignedInAsync(reseller.Host, admin);
        var slug = TestWorld.UniqueSlug("new");
        var adminEmail = $"{TestWorld.UniqueSlug("boss")}@new-client.test";

        var response = await client.PostFormAsync("/clients/new", new Dictionary<string, string> { ["Input.Name"] = "Epsilon Bakery", ["Input.Subdomain"] = slug, ["Input.AdminEmail"] = adminEmail });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == slug));
        Assert.Equal($"/clients/{org.Id}?created=true", response.Headers.Location!.OriginalString);
        Assert.Equal(OrganizationKind.Client, org.Kind);
        Assert.True(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == reseller.Id && l.ClientId == org.Id && l.EndedAt == null)));
        var subscription = await World.GlobalAsync(db => db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(s => s.TenantId == org.Id));
        Assert.Equal(Plan.Seeded.FreeId, subscription.PlanId);
        Assert.Equal(BillingMode.ResellerBilled, subscription.BillingMode);
        Assert.True(await World.InTenantAsync(reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "client.created" && a.Detail!.Contains(slug))));

        var (_, page) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Contains("created on the free plan", page.QuerySelector("[role=status]")!.TextContent);

        var message = await Factory.Smtp.WaitForMessageAsync(adminEmail);
        Assert.Contains("Brand Reseller invited you to join Epsilon Bakery as owner", message.TextBody);
        Assert.Contains("data-theme=\"bold\"", message.HtmlBody); // the reseller's client theme
        Assert.Contains("help@brand-reseller.test", message.TextBody); // the reseller's support contact
        Assert.Contains($"http://{slug}.{PortalFactory.PlatformDomain}/account/accept-invitation?token=", message.TextBody);
        Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody + message.Subject + message.From);
    }

    [Theory]
    [InlineData("", "ok-slug", "a@b.test", "Enter the client's name.")]
    [InlineData("Zeta", "Bad Slug!", "a@b.test", "Use lower-case letters, digits and hyphens only.")]
    [InlineData("Zeta", "www", "a@b.test", "reserved")]
    [InlineData("Zeta", "ok-slug", "not-an-email", "Enter a valid e-mail address.")]
    public async Task RefuseBadInputWithAMessageAndCreateNothing(string name, string slug, string email, string message)
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var before = await World.GlobalAsync(db => db.Organizations.CountAsync());

        var response = await admin.PostFormAsync("/clients/new", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Subdomain"] = slug, ["Input.AdminEmail"] = email });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(before, await World.GlobalAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task RefuseASubdomainThatIsTaken()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var response = await admin.PostFormAsync("/clients/new", new Dictionary<string, string> { ["Input.Name"] = "Copy", ["Input.Subdomain"] = world.Direct.Slug, ["Input.AdminEmail"] = "a@b.test" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is taken", (await PortalClient.ParseAsync(response)).QuerySelector("#form-error")!.TextContent);
    }

    [Fact]
    public async Task DetachAClientIntoARegularAccountThatKeepsItsData()
    {
        var world = await ResellerWorld.CreateAsync(World);
        await ResellerWorld.SubscribeAsync(World, world.First, Plan.Seeded.BasicId, resellerPrice: 45m);
        await ResellerWorld.AssignAsync(World, world.Reseller, world.Employee, world.First);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var response = await admin.PostFormAsync($"/clients/{world.First.Id}", new Dictionary<string, string>(), action: $"/clients/{world.First.Id}?handler=Detach");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.ClientId == world.First.Id && l.EndedAt == null)));
        var subscription = await World.InTenantAsync(world.First, db => db.AccountSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal(BillingMode.ClientBilled, subscription.BillingMode);
        Assert.Null(subscription.ResellerPrice);
        Assert.Equal(Plan.Seeded.BasicId, subscription.PlanId);
        Assert.False(await World.InTenantAsync(world.Reseller, db => db.PartnerClientAssignments.AnyAsync()));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "client.detached")));
        Assert.True(await World.InTenantAsync(world.First, db => db.AuditEntries.AnyAsync(a => a.Action == "reseller.detached")));

        // The account goes on, on its own: its owner signs in and it is no longer on the dashboard.
        using var owner = await Factory.SignedInAsync(world.First.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings")).StatusCode);
        var (_, dashboard) = await admin.GetPageAsync("/clients");
        Assert.DoesNotContain("Alpha Dental", dashboard.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/clients/{world.First.Id}")).StatusCode);
    }

    [Fact]
    public async Task DeleteAClientOnlyAfterItsNameIsTypedThenPurgeItAfterTheGracePeriod()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var page = $"/clients/{world.First.Id}";

        var wrong = await admin.PostFormAsync(page, new Dictionary<string, string> { ["ConfirmName"] = "alpha dental" }, action: page + "?handler=Delete");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Type the account's name exactly", (await PortalClient.ParseAsync(wrong)).QuerySelector("#form-error")!.TextContent);
        Assert.False(await World.GlobalAsync(db => db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AnyAsync(d => d.ClientId == world.First.Id)));

        var right = await admin.PostFormAsync(page, new Dictionary<string, string> { ["ConfirmName"] = "Alpha Dental" }, action: page + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == world.First.Id));
        Assert.Equal(OrganizationStatus.Suspended, org.Status);
        var deletion = await World.GlobalAsync(db => db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(d => d.ClientId == world.First.Id));
        Assert.Equal(30, (deletion.PurgeAfter - deletion.RequestedAt).TotalDays, precision: 3);
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "client.deleted")));

        // Its hosts show nothing, signed in or not.
        using (var visitor = Factory.ClientFor(world.First.Host))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/account/signin")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/dashboard")).StatusCode);
        }

        Assert.Equal(0, await PurgeDueAsync(DateTime.UtcNow.AddDays(29)));
        Assert.True(await World.GlobalAsync(db => db.Organizations.AnyAsync(o => o.Id == world.First.Id)));
        Assert.Equal(1, await PurgeDueAsync(DateTime.UtcNow.AddDays(31)));
        Assert.False(await World.GlobalAsync(db => db.Organizations.AnyAsync(o => o.Id == world.First.Id)));
        Assert.False(await World.GlobalAsync(db => db.Memberships.IgnoreQueryFilters(["Tenant"]).AnyAsync(m => m.TenantId == world.First.Id)));
        Assert.NotNull((await World.GlobalAsync(db => db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(d => d.ClientId == world.First.Id))).PurgedAt);
        Assert.Equal(0, await PurgeDueAsync(DateTime.UtcNow.AddDays(60))); // safe to run twice
        Assert.True(await World.GlobalAsync(db => db.Organizations.AnyAsync(o => o.Id == world.Second.Id)));
    }

    [Fact]
    public async Task HandAClientOverByInvitingTheClientsEmailAsOwner()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var email = $"{TestWorld.UniqueSlug("owner")}@alpha-dental.test";
        var page = $"/clients/{world.Second.Id}";

        var response = await admin.PostFormAsync(page, new Dictionary<string, string> { ["HandOverEmail"] = email }, action: page + "?handler=HandOver");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invitation = await World.InTenantAsync(world.Second, db => db.Invitations.AsNoTracking().SingleAsync());
        Assert.Equal(email, invitation.Email);
        Assert.Equal(OrganizationRole.Owner, invitation.Role);
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "client.handed_over")));
        var message = await Factory.Smtp.WaitForMessageAsync(email);
        Assert.Contains($"http://{world.Second.Host}/account/accept-invitation?token=", message.TextBody);
        Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody);

        var bad = await admin.PostFormAsync(page, new Dictionary<string, string> { ["HandOverEmail"] = "nope" }, action: page + "?handler=HandOver");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(1, await World.InTenantAsync(world.Second, db => db.Invitations.CountAsync()));
    }

    /// <summary>One purge as of <paramref name="now"/>, in a scope of its own as the job runner runs it.</summary>
    private async Task<int> PurgeDueAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientPurge>().PurgeDueAsync(now);
    }
}
