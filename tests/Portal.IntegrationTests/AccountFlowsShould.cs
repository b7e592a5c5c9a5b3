using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Pages.Account;

namespace PartnerPortal.IntegrationTests;

/// <summary>C11 and A1: invitations, password reset and roles, with the mail read back from a real SMTP server.</summary>
public sealed class AccountFlowsShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task InviteANewPersonWhoSetsAPasswordAndLandsInTheOrganization()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Inviting Co");
        using var ownerClient = Factory.ClientFor(org.Host);
        await ownerClient.SignInAsync(owner.Email!);
        var invitee = $"{TestWorld.UniqueSlug("new")}@people.test";
        var sent = await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = invitee, ["Role"] = "Admin" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = await Factory.Smtp.WaitForMessageAsync(invitee);
        Assert.Equal("You are invited to Inviting Co", mail.Subject);
        var link = new Uri(MailShould.LinkIn(mail, "/account/accept-invitation"));
        Assert.Equal(org.Host, link.Host); // the organization's own host

        using var inviteeClient = Factory.ClientFor(org.Host);
        var accepted = await inviteeClient.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["DisplayName"] = "New Admin", ["Password"] = "Brand-new-pass-1" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/dashboard", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await inviteeClient.GetAsync("/dashboard")).StatusCode); // the organization's home, with Settings in the navigation
        Assert.Equal(HttpStatusCode.OK, (await inviteeClient.GetAsync("/settings")).StatusCode);

        var role = await World.InTenantAsync(org, db => db.Memberships.Where(m => m.User!.Email == invitee).Select(m => m.Role).SingleAsync());
        Assert.Equal(OrganizationRole.Admin, role);
        var actions = await World.InTenantAsync(org, db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("invitation.created", actions);
        Assert.Contains("invitation.accepted", actions);

        // The link is single-use.
        using var again = Factory.ClientFor(org.Host);
        var (_, page) = await again.GetPageAsync(link.PathAndQuery);
        Assert.Equal(AcceptInvitationModel.InvalidMessage, page.QuerySelector("[role=alert]")!.TextContent.Trim());
    }

    [Fact]
    public async Task LetAPersonWithAnAccountAcceptWithTheirOwnPassword()
    {
        var (first, person) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        var (second, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var ownerClient = Factory.ClientFor(second.Host);
        await ownerClient.SignInAsync(owner.Email!);
        await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = person.Email!, ["Role"] = "Member" });
        var link = new Uri(MailShould.LinkIn(await Factory.Smtp.WaitForMessageAsync(person.Email!), "/account/accept-invitation"));

        using var client = Factory.ClientFor(second.Host);
        var wrong = await client.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "Wrong-password-1" });
        Assert.Contains("That password is not right", await wrong.Content.ReadAsStringAsync());
        Assert.False(await World.InTenantAsync(second, db => db.Memberships.AnyAsync(m => m.UserId == person.Id)));

        var right = await client.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await World.InTenantAsync(second, db => db.Memberships.AnyAsync(m => m.UserId == person.Id)));
        Assert.True(await World.InTenantAsync(first, db => db.Memberships.AnyAsync(m => m.UserId == person.Id))); // the first membership stays
    }

    [Fact]
    public async Task RefuseAWithdrawnInvitation()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var ownerClient = Factory.ClientFor(org.Host);
        await ownerClient.SignInAsync(owner.Email!);
        var invitee = $"{TestWorld.UniqueSlug("withdrawn")}@people.test";
        await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = invitee, ["Role"] = "Member" });
        var link = new Uri(MailShould.LinkIn(await Factory.Smtp.WaitForMessageAsync(invitee), "/account/accept-invitation"));
        var id = await World.InTenantAsync(org, db => db.Invitations.Where(i => i.Email == invitee).Select(i => i.Id).SingleAsync());
        await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["invitationId"] = id.ToString() }, "/settings/invitations?handler=Revoke");

        using var client = Factory.ClientFor(org.Host);
        var (_, page) = await client.GetPageAsync(link.PathAndQuery);
        Assert.Equal(AcceptInvitationModel.InvalidMessage, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("input[name=Password]"));
    }

    [Fact]
    public async Task NotAcceptAnInvitationOnAnotherOrganizationsHost()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var other = await World.CreateOrganizationAsync();
        using var ownerClient = Factory.ClientFor(org.Host);
        await ownerClient.SignInAsync(owner.Email!);
        var invitee = $"{TestWorld.UniqueSlug("elsewhere")}@people.test";
        await ownerClient.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = invitee, ["Role"] = "Member" });
        var link = new Uri(MailShould.LinkIn(await Factory.Smtp.WaitForMessageAsync(invitee), "/account/accept-invitation"));

        using var elsewhere = Factory.ClientFor(other.Host);
        var (_, page) = await elsewhere.GetPageAsync(link.PathAndQuery);
        Assert.Equal(AcceptInvitationModel.InvalidMessage, page.QuerySelector("[role=alert]")!.TextContent.Trim());
    }

    [Fact]
    public async Task KeepTheFormAndSayWhyWhenAnInvitationCannotBeSent()
    {
        var (org, admin) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(admin.Email!);

        var owner = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = "someone@people.test", ["Role"] = "Owner" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, owner.StatusCode);
        var page = await PortalClient.ParseAsync(owner);
        Assert.Equal("Only an owner can invite another owner.", page.QuerySelector("#invite-role-error")!.TextContent.Trim());
        Assert.Equal("someone@people.test", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));

        var member = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = admin.Email!, ["Role"] = "Member" });
        Assert.Contains("is already a member", (await PortalClient.ParseAsync(member)).QuerySelector("#invite-email-error")!.TextContent);
        Assert.False(await World.InTenantAsync(org, db => db.Invitations.AnyAsync()));
    }

    [Fact]
    public async Task ResetAPasswordThroughABrandedLinkOnTheStoredPrimaryHost()
    {
        var domain = $"{TestWorld.UniqueSlug("reset")}.example.test";
        var org = await World.CreateOrganizationAsync("Reset Dental", customDomain: domain);
        var user = await World.CreateUserAsync();
        await World.AddMemberAsync(org, user, OrganizationRole.Member);

        using var client = Factory.ClientFor(domain);
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password");
        var forgot = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });
        Assert.Contains("we sent it a link", await forgot.Content.ReadAsStringAsync());

        var mail = await Factory.Smtp.WaitForMessageAsync(user.Email!);
        Assert.Equal("Reset your Reset Dental password", mail.Subject);
        var link = new Uri(MailShould.LinkIn(mail, "/account/reset-password"));
        Assert.Equal(domain, link.Host);

        var reset = await client.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "Fresh-password-2" });
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, "Fresh-password-2")).StatusCode);

        // The link works once.
        var replay = await client.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "Another-password-3" });
        Assert.Contains(ResetPasswordModel.InvalidLinkMessage, System.Net.WebUtility.HtmlDecode(await replay.Content.ReadAsStringAsync()));
        _ = request;
    }

    [Fact]
    public async Task SendAPlatformAdminsResetMailAsThePlatformsOwn()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        var forgot = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = admin.Email! });
        Assert.Contains("we sent it a link", await forgot.Content.ReadAsStringAsync());

        // No organization is current on the platform host: the message is the platform's own (TenantId empty), and still goes out.
        var mail = await Factory.Smtp.WaitForMessageAsync(admin.Email!);
        Assert.Equal(PortalFactory.PlatformDomain, new Uri(MailShould.LinkIn(mail, "/account/reset-password")).Host);
        var queued = await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(m => m.ToAddress == admin.Email));
        Assert.Equal(PartnerPortal.Data.IMayBelongToPlatform.Platform, queued.TenantId);
    }

    [Fact]
    public async Task BuildResetLinksFromTheStoredHostNotFromForwardedHeaders()
    {
        var (org, user) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        client.Http.DefaultRequestHeaders.Add("X-Original-Host", "evil.example");
        await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });

        var link = new Uri(MailShould.LinkIn(await Factory.Smtp.WaitForMessageAsync(user.Email!), "/account/reset-password"));
        Assert.Equal(org.Host, link.Host);
    }

    [Fact]
    public async Task SendNoResetMailToSomeoneWithoutMembershipHere()
    {
        var org = await World.CreateOrganizationAsync();
        var (_, stranger) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        var response = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = stranger.Email! });
        Assert.Contains("we sent it a link", await response.Content.ReadAsStringAsync()); // the same answer either way
        await Task.Delay(1000);
        Assert.DoesNotContain(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == stranger.Email));
        Assert.False(await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AnyAsync(m => m.ToAddress == stranger.Email)));
    }

    [Fact]
    public async Task ChangeRolesAuditedAndKeepTheLastOwner()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(org, member, OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);

        var memberId = await World.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == member.Id).Select(m => m.Id).SingleAsync());
        await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = memberId.ToString(), ["role"] = "Admin" }, "/settings/members?handler=Role");
        Assert.Equal(OrganizationRole.Admin, await World.InTenantAsync(org, db => db.Memberships.Where(m => m.Id == memberId).Select(m => m.Role).SingleAsync()));
        var audit = await World.InTenantAsync(org, db => db.AuditEntries.SingleAsync(a => a.Action == "member.role_changed"));
        Assert.Equal($"{member.Email}: Member → Admin", audit.Detail);
        Assert.Equal(owner.Email, audit.UserEmail);

        var ownerId = await World.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == owner.Id).Select(m => m.Id).SingleAsync());
        var demote = await client.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = ownerId.ToString(), ["role"] = "Member" }, "/settings/members?handler=Role");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, demote.StatusCode);
        Assert.Contains("This is the last owner", await demote.Content.ReadAsStringAsync());
        Assert.Equal(OrganizationRole.Owner, await World.InTenantAsync(org, db => db.Memberships.Where(m => m.Id == ownerId).Select(m => m.Role).SingleAsync()));

        // An admin may not touch an owner.
        using var adminClient = Factory.ClientFor(org.Host);
        await adminClient.SignInAsync(member.Email!);
        var refused = await adminClient.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = ownerId.ToString() }, "/settings/members?handler=Remove");
        Assert.Contains("Only an owner can remove an owner.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RenameTheOrganizationForEveryoneOnTheNextRequest()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Old Name");
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var empty = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "" });
        Assert.Contains("Enter the organization", await empty.Content.ReadAsStringAsync());

        await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "New <b>Name</b>" });
        var (_, page) = await client.GetPageAsync("/settings");
        Assert.Equal("New <b>Name</b>", page.QuerySelector("header .brand")!.TextContent.Trim()); // encoded, shown as text
        Assert.Contains("organization.renamed", await World.InTenantAsync(org, db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task ChooseTheOrganizationsIndustryFromTheListAndRefuseAnyOther()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Industrious Co");
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var (_, form) = await client.GetPageAsync("/settings");
        var options = form.QuerySelectorAll("select#Industry option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["Not set", .. PartnerPortal.Modularity.Industries.All], options);

        await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Industrious Co", ["Industry"] = "Healthcare" });
        Assert.Equal("Healthcare", await IndustryAsync(org));
        var (_, saved) = await client.GetPageAsync("/settings");
        Assert.Equal("Healthcare", saved.QuerySelector("select#Industry option[selected]")!.TextContent.Trim());

        // Not in the list (and a rename along with it): refused on the same page, nothing changes.
        var refused = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Renamed Co", ["Industry"] = "Space mining" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose the industry from the list", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Healthcare", await IndustryAsync(org));
        Assert.Equal("Industrious Co", await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));

        await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Industrious Co", ["Industry"] = "" });
        Assert.Null(await IndustryAsync(org));
        Assert.Equal(2, await World.InTenantAsync(org, db => db.AuditEntries.CountAsync(a => a.Action == "organization.industry_changed")));
    }

    private Task<string?> IndustryAsync(TestOrganization org) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Industry).SingleAsync());
}

/// <summary>The platform area: operators create organizations and mark partners.</summary>
public sealed class PlatformAreaShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task CreateAnOrganizationWithAWorkspaceAndInviteItsOwner()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        await client.SignInAsync(admin.Email!);
        var slug = TestWorld.UniqueSlug("new");
        var ownerEmail = $"{slug}@owner.test";
        var created = await client.PostFormAsync("/platform/organizations/create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Brand New Co", ["Input.Slug"] = slug, ["Input.Kind"] = "Client", ["Input.OwnerEmail"] = ownerEmail,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var invitation = await Factory.Smtp.WaitForMessageAsync(ownerEmail);
        Assert.Equal("You are invited to Brand New Co", invitation.Subject);
        Assert.Equal($"{slug}.{PortalFactory.PlatformDomain}", new Uri(MailShould.LinkIn(invitation, "/account/accept-invitation")).Host);
        var org = await World.GlobalAsync(db => db.Organizations.SingleAsync(o => o.Slug == slug));
        var workspaces = await World.InTenantAsync(new TestOrganization(org.Id, org.Name, slug, ""), db => db.Workspaces.CountAsync());
        Assert.Equal(1, workspaces);

        var duplicate = await client.PostFormAsync("/platform/organizations/create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Copy", ["Input.Slug"] = slug, ["Input.Kind"] = "Client", ["Input.OwnerEmail"] = ownerEmail,
        });
        Assert.Contains($"The subdomain &#x27;{slug}&#x27; is taken.", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(1, await World.GlobalAsync(db => db.Organizations.CountAsync(o => o.Slug == slug)));
    }

    [Fact]
    public async Task MarkAClientAsAPartner()
    {
        var org = await World.CreateOrganizationAsync("Growing Co");
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        await client.SignInAsync(admin.Email!);
        await client.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["organizationId"] = org.Id.ToString() }, "/platform/organizations?handler=MarkPartner");
        Assert.Equal(OrganizationKind.Partner, await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Kind).SingleAsync()));
    }
}
